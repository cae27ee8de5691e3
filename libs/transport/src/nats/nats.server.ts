import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { ServerNats, type BaseRpcContext, type WritePacket } from '@nestjs/microservices';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Observable } from 'rxjs';
import type { AppConfig } from '#libs/config';
import type { ServiceName } from '#libs/contract';
import type { PacketCodec } from '../signing/packet-codec.js';
import { assertMessagesFitBroker } from './broker-payload.check.js';
import { InFlightRequests } from './in-flight-requests.js';
import { natsConnectionOptions } from './nats-connection.options.js';
import { RefusedMessageError, SignedNatsReplySerializer, SignedNatsRequestDeserializer } from './signed-nats.codec.js';
import { isPlainPattern } from '../plain-patterns.js';

const authLogger = new Logger('InternalAuth');

/** How long a stopping replica waits on the broker: to confirm it takes no more requests, then to take its last replies. */
const UNSUBSCRIBE_LIMIT_MS = 2000;

function within<T>(work: Promise<T>, limitMs: number): Promise<T | undefined> {
  return Promise.race([work, delay(limitMs, undefined, { ref: false })]);
}

/**
 * Nest's NATS server for one service. Every replica listens in the queue group named after the
 * service, so the broker hands each request to one of them. A stopping replica leaves the group
 * first, answers every request it holds, and only then closes: no call is lost to a SIGTERM.
 */
export class NatsServer extends ServerNats {
  private readonly listening: Subscription[] = [];
  private readonly inFlight = new InFlightRequests();
  private connection: NatsConnection | undefined;

  constructor(
    private readonly service: ServiceName,
    private readonly config: AppConfig,
    codec: PacketCodec,
  ) {
    super({
      ...natsConnectionOptions(config, service),
      queue: service,
      serializer: new SignedNatsReplySerializer(codec, `${service}@${hostname()}:${process.pid}`),
      deserializer: new SignedNatsRequestDeserializer(codec),
    });
  }

  override async createNatsClient(): Promise<NatsConnection> {
    const connection = (await super.createNatsClient()) as NatsConnection;
    try {
      assertMessagesFitBroker(connection, this.config);
    } catch (error) {
      await connection.close();
      throw error;
    }
    this.connection = connection;
    return connection;
  }

  override bindEvents(connection: NatsConnection): void {
    for (const pattern of this.messageHandlers.keys()) {
      const handle = this.getMessageHandler(pattern) as (error: Error | null, message: unknown) => void;
      this.listening.push(connection.subscribe(pattern, { queue: this.service, callback: handle.bind(this) }));
    }
  }

  protected override handleRequest(
    context: BaseRpcContext,
    produce: () => Promise<Observable<unknown>>,
    respond: (packet: WritePacket) => Promise<unknown> | void,
  ): void {
    const answered = this.inFlight.begin();
    const producing = async () => {
      try {
        return await produce();
      } catch (error) {
        answered();
        throw error;
      }
    };
    const respondCounted = async (packet: WritePacket) => {
      try {
        await respond(packet);
      } finally {
        if (packet.isDisposed) answered();
      }
    };
    return super.handleRequest(context, producing, respondCounted);
  }

  /** A refused message is logged with its subject, never its content, and gets no reply. */
  protected override handleError(error: unknown): void {
    if (error instanceof RefusedMessageError) {
      authLogger.warn({ msg: 'refused an internal message', reason: error.reason, subject: error.subject });
      return;
    }
    super.handleError(error as string);
  }

  override async close(): Promise<void> {
    const connection = this.connection;
    if (connection && !connection.isClosed()) {
      await within(Promise.all(this.listening.splice(0).map((subscription) => subscription.drain())), UNSUBSCRIBE_LIMIT_MS);
      const allAnswered = await this.inFlight.settled(this.config.rpcTimeoutMs);
      if (!allAnswered) this.logger.warn?.(`${this.inFlight.size} requests were still unanswered when the ${this.service} service stopped`);
      await within(connection.drain(), UNSUBSCRIBE_LIMIT_MS);
    }
    this.connection = undefined;
    await super.close();
  }

  protected override getRouteFromPattern(pattern: string): string {
    return isPlainPattern(pattern) ? pattern : super.getRouteFromPattern(pattern);
  }
}
