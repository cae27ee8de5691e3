import { ClientProxy, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import type { ServiceName } from '#libs/contract';
import type { InprocBus } from './inproc.bus.js';

/** Sends messages to a service running in the same process, with TCP's semantics. */
export class InprocClient extends ClientProxy {
  constructor(
    private readonly bus: InprocBus,
    private readonly service: ServiceName,
    private readonly maxReplyLength: number,
  ) {
    super();
  }

  async connect(): Promise<void> {}

  close(): void {}

  unwrap<T>(): T {
    throw new Error('The in-process transport has no underlying client');
  }

  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    let cancelled = false;
    try {
      this.bus.deliver(
        this.service,
        packet,
        (reply) => {
          if (!cancelled) callback(reply);
        },
        this.maxReplyLength,
      );
    } catch (err) {
      callback({ err });
    }
    return () => {
      cancelled = true;
    };
  }

  protected dispatchEvent(): Promise<never> {
    return Promise.reject(new Error('The in-process transport carries requests only'));
  }
}
