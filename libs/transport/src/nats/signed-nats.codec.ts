import { headers as natsHeaders, type Msg, type MsgHdrs } from '@nats-io/transport-node';
import type {
  ConsumerDeserializer,
  ConsumerSerializer,
  IncomingRequest,
  IncomingResponse,
  ProducerDeserializer,
  ProducerSerializer,
} from '@nestjs/microservices';
import { CorruptFrameError, readOneFrame } from '../framing/packet-frame.js';
import type { FrameRefusal, PacketCodec } from '../signing/packet-codec.js';
import type { PacketDirection } from '../signing/packet-signer.js';

/** The header a request's id travels in: NATS carries headers, not Nest's TCP packet metadata. */
export const REQUEST_ID_HEADER = 'X-Request-Id';
/** The header a reply names the replica that answered it in: its service, host and process. */
export const SERVED_BY_HEADER = 'X-Served-By';

/** A request id is only a correlation key in the logs: anything longer or stranger than an id is dropped. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** What Nest hands the NATS transport to publish: the message's bytes (one signed frame) and its headers. */
export interface NatsOutgoing {
  data: Buffer;
  headers: MsgHdrs;
}

/** Why a message was refused: its signature, its bytes, or no frame at all (`corrupt`). */
export type MessageRefusal = FrameRefusal | 'corrupt';

/** A message that failed verification: the receiver logs it and never answers it. */
export class RefusedMessageError extends Error {
  constructor(
    readonly reason: MessageRefusal,
    readonly subject: string,
  ) {
    super(`refused a message on ${subject}: ${reason}`);
    this.name = 'RefusedMessageError';
  }
}

interface OutgoingRequest {
  pattern: unknown;
  data: unknown;
  id: string;
  metadata?: { requestId?: string };
}

/** The caller's request id, when the message has a well-formed one. */
export function requestIdOf(message: Pick<Msg, 'headers'>): string | undefined {
  const requestId = message.headers?.get(REQUEST_ID_HEADER);
  return requestId && REQUEST_ID.test(requestId) ? requestId : undefined;
}

/** Verifies a message's frame before anything parses it: the packet for Nest, without its signature and with its bytes in place. */
function openSigned<T>(codec: PacketCodec, direction: PacketDirection, message: Msg): T {
  let decoded;
  try {
    decoded = codec.decode(direction, readOneFrame(Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength)));
  } catch (error) {
    if (error instanceof CorruptFrameError) throw new RefusedMessageError('corrupt', message.subject);
    throw error;
  }
  if (decoded.refusal) throw new RefusedMessageError(decoded.refusal, message.subject);
  return decoded.packet as T;
}

/** One message carries one frame, as one TCP frame: the packet's JSON and, for a photo, its bytes beside it. */
function frameOf(codec: PacketCodec, direction: PacketDirection, packet: object): Buffer {
  return Buffer.concat(codec.encode(direction, packet));
}

/**
 * A caller's side: each request is signed as on TCP, and its request id rides in a header. The
 * header is outside the signature: it only ties log lines together, and only a holder of broker
 * credentials can publish at all.
 */
export class SignedNatsRequestSerializer implements ProducerSerializer {
  constructor(private readonly codec: PacketCodec) {}

  serialize({ metadata, ...packet }: OutgoingRequest): NatsOutgoing {
    const headers = natsHeaders();
    if (metadata?.requestId) headers.set(REQUEST_ID_HEADER, metadata.requestId);
    return { data: frameOf(this.codec, 'request', packet), headers };
  }
}

/** A caller's side: a reply is read only once its signature holds. */
export class SignedNatsReplyDeserializer implements ProducerDeserializer {
  constructor(private readonly codec: PacketCodec) {}

  deserialize(message: Msg): IncomingResponse {
    return openSigned<IncomingResponse>(this.codec, 'reply', message);
  }
}

/** A service's side: a request is read only once its signature holds; a refused one throws and gets no reply. */
export class SignedNatsRequestDeserializer implements ConsumerDeserializer {
  constructor(private readonly codec: PacketCodec) {}

  deserialize(message: Msg): IncomingRequest {
    return openSigned<IncomingRequest>(this.codec, 'request', message);
  }
}

/** A service's side: each reply is signed, and names the replica that answered it. */
export class SignedNatsReplySerializer implements ConsumerSerializer {
  constructor(
    private readonly codec: PacketCodec,
    private readonly servedBy: string,
  ) {}

  serialize(packet: object): NatsOutgoing {
    const headers = natsHeaders();
    headers.set(SERVED_BY_HEADER, this.servedBy);
    return { data: frameOf(this.codec, 'reply', packet), headers };
  }
}
