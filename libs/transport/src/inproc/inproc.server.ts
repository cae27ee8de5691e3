import { Server, type CustomTransportStrategy, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import type { ServiceName } from '#libs/contract';
import { isPlainPattern } from '../plain-patterns.js';
import { InprocContext } from './inproc.context.js';
import type { InprocBus, InprocEndpoint } from './inproc.bus.js';

const NO_MESSAGE_HANDLER = 'There is no matching message handler defined in the remote service.';

/** Answers messages for one service inside the process, through Nest's own handler pipeline. */
export class InprocServer extends Server implements CustomTransportStrategy, InprocEndpoint {
  constructor(
    private readonly bus: InprocBus,
    private readonly service: ServiceName,
    readonly maxMessageLength: number,
  ) {
    super();
  }

  listen(callback: () => void): void {
    this.bus.register(this.service, this);
    callback();
  }

  close(): void {
    this.bus.unregister(this.service, this);
  }

  deliver(packet: ReadPacket, reply: (packet: WritePacket) => void): void {
    const pattern = this.getPatternAsString(packet.pattern);
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) {
      reply({ err: NO_MESSAGE_HANDLER, status: 'error', isDisposed: true });
      return;
    }
    const context = new InprocContext([pattern, packet.metadata]);
    this.handleRequest(context, async () => this.transformToObservable(await handler(packet.data, context)), reply);
  }

  protected override getRouteFromPattern(pattern: string): string {
    return isPlainPattern(pattern) ? pattern : super.getRouteFromPattern(pattern);
  }

  on(): void {
    throw new Error('The in-process transport has no events');
  }

  unwrap<T>(): T {
    throw new Error('The in-process transport has no underlying server');
  }
}
