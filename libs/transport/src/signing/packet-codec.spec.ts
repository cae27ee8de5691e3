import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { framePrefix, FrameReader, type Frame } from '../framing/packet-frame.js';
import { PacketCodec } from './packet-codec.js';
import { PacketSigner } from './packet-signer.js';

const KEY = randomBytes(32).toString('base64url');
const photo = randomBytes(300 * 1024);
const store = {
  pattern: 'media.photos.store',
  data: { sha256: 'ab'.repeat(32), content: photo, uploader: { userId: 'u-collector1', branchId: 'JKT01' } },
  id: 'packet-0001',
  metadata: { requestId: 'req-0001' },
};

const codec = new PacketCodec(new PacketSigner({ current: KEY }));

/** The frame as a receiver reads it off a stream. */
function frameOf(pieces: Buffer[]): Frame {
  const frames = new FrameReader(10_000_000).push(Buffer.concat(pieces));
  expect(frames).toHaveLength(1);
  return frames[0];
}

function reframed(header: Buffer, attachment: Buffer | undefined): Frame {
  return frameOf([framePrefix(header.length, attachment?.length), header, ...(attachment ? [attachment] : [])]);
}

describe('PacketCodec', () => {
  it('sends a photo as bytes after a small signed JSON header, and gives the receiver the packet with its Buffer back in place', () => {
    const pieces = codec.encode('request', store);
    expect(pieces[pieces.length - 1]).toBe(photo);
    const frame = frameOf(pieces);
    expect(frame.header.length).toBeLessThan(400);
    expect(frame.header.toString()).toMatch(/^\{"signature":\{"at":\d+,"mac":"[\w-]{43}"\},"pattern":"media\.photos\.store"/);
    expect(frame.header.toString()).toContain('"attachment":["data","content"]');
    const { packet } = codec.decode('request', frame);
    expect(packet).toEqual({ ...store, data: { ...store.data, content: expect.any(Buffer) } });
    expect((packet!.data as { content: Buffer }).content.equals(photo)).toBe(true);
  });

  it("carries a reply's bytes, and a packet of JSON alone exactly as the JSON signer writes it", () => {
    const reply = { response: { type: 'image/jpeg', content: photo }, isDisposed: true, id: 'packet-0001' };
    const { packet } = codec.decode('reply', frameOf(codec.encode('reply', reply)));
    expect((packet!.response as { content: Buffer }).content.equals(photo)).toBe(true);
    expect(packet).toMatchObject({ response: { type: 'image/jpeg' }, isDisposed: true, id: 'packet-0001' });

    const status = { pattern: 'database.system.status', data: {}, id: 'probe-1' };
    const frame = frameOf(codec.encode('request', status));
    expect(frame.attachment).toBeUndefined();
    expect(new PacketSigner({ current: KEY }).verify('request', frame.header.toString())).toBeUndefined();
    expect(codec.decode('request', frame)).toEqual({ packet: status });
  });

  it.each([
    ['a byte of the photo altered', (frame: Frame) => reframed(frame.header, flipped(frame.attachment!, 150_000))],
    ['the last byte of the photo altered', (frame: Frame) => reframed(frame.header, flipped(frame.attachment!, frame.attachment!.length - 1))],
    ['the photo cut short', (frame: Frame) => reframed(frame.header, frame.attachment!.subarray(0, -1))],
    ['a byte added to the photo', (frame: Frame) => reframed(frame.header, Buffer.concat([frame.attachment!, Buffer.from([0])]))],
    ['the photo replaced by another', (frame: Frame) => reframed(frame.header, randomBytes(frame.attachment!.length))],
    ['the photo left off', (frame: Frame) => reframed(frame.header, undefined)],
    ['the hash in the header altered', (frame: Frame) => reframed(Buffer.from(frame.header.toString().replace('abab', 'cdcd')), frame.attachment)],
    [
      'a byte moved from the photo into the header',
      (frame: Frame) => reframed(Buffer.concat([frame.header, frame.attachment!.subarray(0, 1)]), frame.attachment!.subarray(1)),
    ],
  ])('refuses a frame with %s', (_change, alter) => {
    const frame = frameOf(codec.encode('request', store));
    expect(codec.decode('request', alter(frame))).toEqual({ refusal: 'bad-signature' });
  });

  it('refuses a photo signed with another key, a reply offered as a request, and bytes added to a packet signed without any', () => {
    const stranger = new PacketCodec(new PacketSigner({ current: randomBytes(32).toString('base64url') }));
    expect(codec.decode('request', frameOf(stranger.encode('request', store)))).toEqual({ refusal: 'bad-signature' });
    expect(codec.decode('request', frameOf(codec.encode('reply', store)))).toEqual({ refusal: 'bad-signature' });
    const plain = frameOf(codec.encode('request', { pattern: 'media.photos.describe', data: { sha256s: [] }, id: 'p-2' }));
    expect(codec.decode('request', reframed(plain.header, photo))).toEqual({ refusal: 'bad-signature' });
  });

  it('refuses a signed frame whose bytes have no place in its packet', () => {
    const signer = new PacketSigner({ current: KEY });
    const placed = (packet: object) => {
      const fields = Buffer.from(JSON.stringify(packet)).subarray(1);
      return reframed(Buffer.concat([signer.signatureHead('request', fields, photo), fields]), photo);
    };
    expect(codec.decode('request', placed({ pattern: 'p', data: {}, id: '1' }))).toEqual({ refusal: 'malformed' });
    expect(codec.decode('request', placed({ pattern: 'p', data: {}, id: '1', attachment: ['data', '__proto__'] }))).toEqual({ refusal: 'malformed' });
    expect(codec.decode('request', placed({ pattern: 'p', data: [], id: '1', attachment: ['data', 'content'] }))).toEqual({ refusal: 'malformed' });
    expect(codec.decode('request', placed({ pattern: 'p', data: {}, id: '1', attachment: ['metadata', 'content'] }))).toEqual({ refusal: 'malformed' });
    expect(codec.decode('request', placed({ pattern: 'p', data: {}, id: '1', attachment: ['data', 'content'] }))).toMatchObject({
      packet: { data: { content: photo } },
    });
  });

  it('refuses to send a message with two fields of bytes', () => {
    expect(() => codec.encode('request', { ...store, data: { ...store.data, thumbnail: Buffer.from('thumb') } })).toThrow('at most one field of bytes');
  });
});

function flipped(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] ^= 0x01;
  return copy;
}
