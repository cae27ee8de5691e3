import type { ReadPacket, WritePacket } from '@nestjs/microservices';
import type { ServiceName } from '#libs/contract';
import { attachBytes, detachBytes } from '../framing/packet-attachment.js';

export interface InprocEndpoint {
  /** The longest request, in bytes of JSON and attached bytes, the endpoint reads. */
  readonly maxMessageLength: number;
  deliver(packet: ReadPacket, reply: (packet: WritePacket) => void): void;
}

/** A connection refused, as TCP reports it, for a service not started in this process. */
export class InprocUnreachableError extends Error {
  readonly code = 'ECONNREFUSED';

  constructor(service: ServiceName) {
    super(`connect ECONNREFUSED inproc:${service}`);
  }
}

/** A message longer than its reader accepts, refused as a TCP peer refuses it. */
export class InprocMessageTooLongError extends Error {
  constructor(length: number, maxLength: number) {
    super(`The message is ${length} bytes long; at most ${maxLength} are read`);
  }
}

/**
 * The in-process switchboard of one-process mode: servers register under
 * their service name, clients deliver packets to them. Created once by the
 * composition root and handed to every app it starts.
 */
export class InprocBus {
  private readonly endpoints = new Map<ServiceName, InprocEndpoint>();

  register(service: ServiceName, endpoint: InprocEndpoint): void {
    this.endpoints.set(service, endpoint);
  }

  unregister(service: ServiceName, endpoint: InprocEndpoint): void {
    if (this.endpoints.get(service) === endpoint) this.endpoints.delete(service);
  }

  /**
   * Delivers a JSON copy of the packet and JSON copies of the replies, as a
   * socket would, with the same length limits: the endpoint's on the request,
   * the caller's on each reply. Bytes in a message (a photo) are handed over
   * as they are, as a socket carries them beside the JSON.
   */
  deliver(service: ServiceName, packet: ReadPacket, reply: (packet: WritePacket) => void, maxReplyLength: number): void {
    const endpoint = this.endpoints.get(service);
    if (!endpoint) throw new InprocUnreachableError(service);
    const wirePacket = roundTrip(packet, endpoint.maxMessageLength);
    setImmediate(() =>
      endpoint.deliver(wirePacket, (response) => {
        try {
          reply(roundTrip(response, maxReplyLength));
        } catch (err) {
          reply({ err, isDisposed: true });
        }
      }),
    );
  }
}

function roundTrip<T extends object>(packet: T, maxLength: number): T {
  const { header, attachment } = detachBytes(packet);
  const json = JSON.stringify(header);
  const length = Buffer.byteLength(json) + (attachment?.length ?? 0);
  if (length > maxLength) throw new InprocMessageTooLongError(length, maxLength);
  const copy = JSON.parse(json) as Record<string, unknown>;
  attachBytes(copy, attachment);
  return copy as T;
}
