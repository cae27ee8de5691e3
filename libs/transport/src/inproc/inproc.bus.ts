import type { ReadPacket, WritePacket } from '@nestjs/microservices';
import type { ServiceName } from '#libs/contract';

export interface InprocEndpoint {
  deliver(packet: ReadPacket, reply: (packet: WritePacket) => void): void;
}

/** A connection refused, as TCP reports it, for a service not started in this process. */
export class InprocUnreachableError extends Error {
  readonly code = 'ECONNREFUSED';

  constructor(service: ServiceName) {
    super(`connect ECONNREFUSED inproc:${service}`);
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

  /** Delivers a JSON copy of the packet and JSON copies of the replies, as a socket would. */
  deliver(service: ServiceName, packet: ReadPacket, reply: (packet: WritePacket) => void): void {
    const endpoint = this.endpoints.get(service);
    if (!endpoint) throw new InprocUnreachableError(service);
    const wirePacket = roundTrip(packet);
    setImmediate(() => endpoint.deliver(wirePacket, (response) => reply(roundTrip(response))));
  }
}

function roundTrip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
