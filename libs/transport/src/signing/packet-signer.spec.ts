import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { FRESHNESS_WINDOW_MS, PacketSigner } from './packet-signer.js';

const OLD_KEY = randomBytes(32).toString('base64url');
const NEW_KEY = randomBytes(32).toString('base64url');
const SIGNED_AT = Date.parse('2026-11-28T08:00:00+07:00');

const packet = {
  pattern: 'database.users.set-password',
  data: { actorId: 'u-admin', userId: 'u-collector1', passwordHash: 'scrypt$32768$8$1$c2FsdA$aGFzaA', note: 'Ibu Siti Rahayu, Jl. Kemang № 5 🙂' },
  id: 'packet-0001',
  metadata: { requestId: 'req-0001' },
};

function signerAt(keys: { current: string; previous?: string }, now = SIGNED_AT): PacketSigner {
  return new PacketSigner(keys, () => now);
}

/** The packet's JSON as the sender writes it onto the transport. */
function wire(signer: PacketSigner, direction: 'request' | 'reply' = 'request'): string {
  return JSON.stringify(signer.sign(direction, packet));
}

describe('PacketSigner', () => {
  it('accepts a signed packet, whose JSON is the packet behind its signature', () => {
    const text = wire(signerAt({ current: OLD_KEY }));
    expect(text.startsWith('{"signature":{"at":')).toBe(true);
    expect(signerAt({ current: OLD_KEY }, SIGNED_AT + 1000).verify('request', text)).toBeUndefined();
    const { signature, ...received } = JSON.parse(text);
    expect(received).toEqual(packet);
    expect(signature).toEqual({ at: SIGNED_AT, mac: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
  });

  it('refuses a packet with no signature, or one that does not lead the packet', () => {
    const verifier = signerAt({ current: OLD_KEY });
    expect(verifier.verify('request', JSON.stringify(packet))).toBe('unsigned');
    const { signature, ...rest } = JSON.parse(wire(verifier));
    expect(verifier.verify('request', JSON.stringify({ ...rest, signature }))).toBe('unsigned');
    expect(verifier.verify('request', '')).toBe('unsigned');
    expect(verifier.verify('request', 'not json at all')).toBe('unsigned');
  });

  it('refuses a packet signed with another key', () => {
    const forged = wire(signerAt({ current: randomBytes(32).toString('base64url') }));
    expect(signerAt({ current: OLD_KEY }).verify('request', forged)).toBe('bad-signature');
  });

  it.each([
    ['the data altered', (text: string) => text.replace('u-collector1', 'u-collector2')],
    ['the pattern altered', (text: string) => text.replace('users.set-password', 'users.create')],
    ['the packet id altered', (text: string) => text.replace('packet-0001', 'packet-0002')],
    ['the signing time altered', (text: string) => text.replace(`"at":${SIGNED_AT}`, `"at":${SIGNED_AT + 1}`)],
    ['a character beyond ASCII altered', (text: string) => text.replace('№', 'N')],
    ['a field added at the end', (text: string) => `${text.slice(0, -1)},"extra":true}`],
  ])('refuses a packet with %s', (_change, alter) => {
    const verifier = signerAt({ current: OLD_KEY });
    const text = wire(verifier);
    const altered = alter(text);
    expect(altered).not.toBe(text);
    expect(verifier.verify('request', altered)).toBe('bad-signature');
  });

  it('refuses a reply offered as a request, and a request as a reply', () => {
    const verifier = signerAt({ current: OLD_KEY });
    expect(verifier.verify('request', wire(verifier, 'reply'))).toBe('bad-signature');
    expect(verifier.verify('reply', wire(verifier, 'request'))).toBe('bad-signature');
  });

  it('refuses a packet signed outside the window either way, and takes one at its edge', () => {
    const text = wire(signerAt({ current: OLD_KEY }));
    const at = (offsetMs: number) => signerAt({ current: OLD_KEY }, SIGNED_AT + offsetMs).verify('request', text);
    expect(at(FRESHNESS_WINDOW_MS)).toBeUndefined();
    expect(at(-FRESHNESS_WINDOW_MS)).toBeUndefined();
    expect(at(FRESHNESS_WINDOW_MS + 1)).toBe('stale');
    expect(at(-FRESHNESS_WINDOW_MS - 1)).toBe('stale');
    expect(at(24 * 3600_000)).toBe('stale');
  });

  it('accepts the previous key during a rotation, and signs with the current one only', () => {
    const rotating = signerAt({ current: NEW_KEY, previous: OLD_KEY });
    expect(rotating.verify('request', wire(signerAt({ current: OLD_KEY })))).toBeUndefined();
    expect(rotating.verify('request', wire(signerAt({ current: NEW_KEY })))).toBeUndefined();
    expect(signerAt({ current: NEW_KEY }).verify('request', wire(rotating))).toBeUndefined();
    expect(signerAt({ current: OLD_KEY }).verify('request', wire(rotating))).toBe('bad-signature');
    expect(signerAt({ current: NEW_KEY }).verify('request', wire(signerAt({ current: OLD_KEY })))).toBe('bad-signature');
  });

  it('signs and verifies a photo of 10 MiB in base64', () => {
    const signer = signerAt({ current: OLD_KEY });
    const photo = { ...packet, data: { contentBase64: randomBytes(10 * 1024 * 1024).toString('base64') } };
    const text = JSON.stringify(signer.sign('request', photo));
    expect(signer.verify('request', text)).toBeUndefined();
    const flipped = text.slice(0, 5_000_000) + (text[5_000_000] === 'A' ? 'B' : 'A') + text.slice(5_000_001);
    expect(signer.verify('request', flipped)).toBe('bad-signature');
  });
});
