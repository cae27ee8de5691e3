import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { Msg, MsgHdrs } from '@nats-io/transport-node';
import { PacketCodec } from '../signing/packet-codec.js';
import { PacketSigner } from '../signing/packet-signer.js';
import {
  RefusedMessageError,
  REQUEST_ID_HEADER,
  requestIdOf,
  SERVED_BY_HEADER,
  SignedNatsReplyDeserializer,
  SignedNatsReplySerializer,
  SignedNatsRequestDeserializer,
  SignedNatsRequestSerializer,
  type NatsOutgoing,
} from './signed-nats.codec.js';

const KEY = randomBytes(32).toString('base64url');
const OTHER_KEY = randomBytes(32).toString('base64url');
const SUBJECT = 'collector.visits.submit';

const request = {
  pattern: SUBJECT,
  data: { collectorId: 'u-collector1', visits: [{ id: 'v-1', notes: 'Ibu Siti Rahayu, Jl. Kemang № 5 🙂' }] },
  id: 'packet-0001',
  metadata: { requestId: 'req-0001' },
};

/** A message as the broker delivers what was published: the same bytes and headers, on the subject. */
function delivered(outgoing: { data: Buffer; headers?: MsgHdrs }, subject = SUBJECT): Msg {
  return { subject, headers: outgoing.headers, data: new Uint8Array(outgoing.data) } as unknown as Msg;
}

/** The same message with some of its text replaced, as a broker or a peer in the middle could. */
function altered(outgoing: NatsOutgoing, from: string, to: string): NatsOutgoing {
  return { ...outgoing, data: Buffer.from(outgoing.data.toString('latin1').replace(from, to), 'latin1') };
}

function refusalOf(read: () => unknown): RefusedMessageError {
  try {
    read();
  } catch (error) {
    if (error instanceof RefusedMessageError) return error;
    throw error;
  }
  throw new Error('the message was accepted');
}

describe('signed NATS messages', () => {
  const signer = new PacketCodec(new PacketSigner({ current: KEY }));

  it('sign a request, carry its request id in a header, and hand the service the packet without signature or metadata', () => {
    const outgoing = new SignedNatsRequestSerializer(signer).serialize(request);
    expect(outgoing.data.toString('utf8')).toMatch(/^\d+#\{"signature":\{"at":/);
    expect(outgoing.data.toString('utf8')).not.toContain('req-0001');
    expect(outgoing.headers.get(REQUEST_ID_HEADER)).toBe('req-0001');
    const received = new SignedNatsRequestDeserializer(signer).deserialize(delivered(outgoing));
    expect(received).toEqual({ pattern: request.pattern, data: request.data, id: request.id });
    expect(requestIdOf(delivered(outgoing))).toBe('req-0001');
  });

  it('refuse a request whose bytes were altered on the way, signed with another key, or not signed at all', () => {
    const deserializer = new SignedNatsRequestDeserializer(signer);
    const outgoing = new SignedNatsRequestSerializer(signer).serialize(request);
    const tampered = altered(outgoing, 'u-collector1', 'u-collector2');
    expect(refusalOf(() => deserializer.deserialize(delivered(tampered)))).toMatchObject({ reason: 'bad-signature', subject: SUBJECT });
    const foreign = new SignedNatsRequestSerializer(new PacketCodec(new PacketSigner({ current: OTHER_KEY }))).serialize(request);
    expect(refusalOf(() => deserializer.deserialize(delivered(foreign))).reason).toBe('bad-signature');
    const json = Buffer.from(JSON.stringify({ pattern: SUBJECT, data: request.data, id: 'packet-0002' }));
    const unsigned = { data: Buffer.concat([Buffer.from(`${json.length}#`), json]) };
    expect(refusalOf(() => deserializer.deserialize(delivered(unsigned))).reason).toBe('unsigned');
    expect(refusalOf(() => deserializer.deserialize(delivered({ data: json }))).reason).toBe('corrupt');
  });

  it('refuse a reply replayed as a request, and a request replayed as a reply', () => {
    const reply = new SignedNatsReplySerializer(signer, 'collector@host-a:42').serialize({ id: 'packet-0001', response: request.data, isDisposed: true });
    expect(refusalOf(() => new SignedNatsRequestDeserializer(signer).deserialize(delivered(reply))).reason).toBe('bad-signature');
    const outgoing = new SignedNatsRequestSerializer(signer).serialize(request);
    expect(refusalOf(() => new SignedNatsReplyDeserializer(signer).deserialize(delivered(outgoing))).reason).toBe('bad-signature');
  });

  it('sign a reply, naming the replica that answered, and read back the response or the problem', () => {
    const serializer = new SignedNatsReplySerializer(signer, 'collector@host-a:42');
    const answer: NatsOutgoing = serializer.serialize({ id: 'packet-0001', response: { stored: 1 }, isDisposed: true });
    expect(answer.headers.get(SERVED_BY_HEADER)).toBe('collector@host-a:42');
    expect(new SignedNatsReplyDeserializer(signer).deserialize(delivered(answer))).toEqual({ id: 'packet-0001', response: { stored: 1 }, isDisposed: true });
    const problem = { status: 409, code: 'receipt-used', type: 'urn:problem', title: 'Conflict', detail: 'used' };
    const failed = serializer.serialize({ id: 'packet-0002', err: problem, isDisposed: true });
    expect(new SignedNatsReplyDeserializer(signer).deserialize(delivered(failed)).err).toEqual(problem);
    const changed = altered(answer, '"stored":1', '"stored":2');
    expect(refusalOf(() => new SignedNatsReplyDeserializer(signer).deserialize(delivered(changed))).reason).toBe('bad-signature');
  });

  it("carry a photo's bytes beside the JSON, signed with it: the service gets the Buffer, and altered bytes are refused", () => {
    const photo = randomBytes(4096);
    const outgoing = new SignedNatsRequestSerializer(signer).serialize({
      pattern: 'media.photos.store',
      data: { sha256: 'ab', content: photo },
      id: 'packet-0004',
    });
    expect(outgoing.data.toString('latin1')).not.toContain(photo.toString('base64').slice(0, 40));
    const received = new SignedNatsRequestDeserializer(signer).deserialize(delivered(outgoing));
    expect(Buffer.isBuffer((received.data as { content: Buffer }).content)).toBe(true);
    expect((received.data as { content: Buffer }).content.equals(photo)).toBe(true);
    const flipped = Buffer.from(outgoing.data);
    flipped[flipped.length - 1] ^= 0xff;
    expect(refusalOf(() => new SignedNatsRequestDeserializer(signer).deserialize(delivered({ ...outgoing, data: flipped }))).reason).toBe('bad-signature');
  });

  it('take only a well-formed request id from the header', () => {
    const outgoing = new SignedNatsRequestSerializer(signer).serialize({ ...request, metadata: { requestId: 'x'.repeat(129) } });
    expect(requestIdOf(delivered(outgoing))).toBeUndefined();
    const spaced = new SignedNatsRequestSerializer(signer).serialize({ ...request, metadata: { requestId: 'a b' } });
    expect(requestIdOf(delivered(spaced))).toBeUndefined();
    const none = new SignedNatsRequestSerializer(signer).serialize({ pattern: SUBJECT, data: {}, id: 'packet-0003' });
    expect(none.headers.has(REQUEST_ID_HEADER)).toBe(false);
    expect(requestIdOf(delivered(none))).toBeUndefined();
  });
});
