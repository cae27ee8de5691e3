import { Logger } from '@nestjs/common';
import { ClientNats, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import { RequestError, TimeoutError, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { ProblemError, type Problem } from '#libs/common';
import type { AppConfig } from '#libs/config';
import type { ServiceName } from '#libs/contract';
import type { PacketCodec } from '../signing/packet-codec.js';
import { assertMessagesFitBroker } from './broker-payload.check.js';
import { natsConnectionOptions } from './nats-connection.options.js';
import { RefusedMessageError, SignedNatsReplyDeserializer, SignedNatsRequestSerializer, type NatsOutgoing } from './signed-nats.codec.js';

/**
 * The broker's own deadline of a request: past the longest any caller waits (MessageClient's
 * deadline ends the call first), so that it only frees the request's slot.
 */
const BROKER_REQUEST_TIMEOUT_MS = 120_000;

const logger = new Logger('InternalAuth');

/**
 * Nest's NATS client, reaching one service through the broker with `request`: one message out, the
 * first reply back. Nest's own publishes to an inbox, so a service with no replica listening looks
 * like a slow one until the deadline; here the broker's "no responders" answers at once, as a 503
 * naming the service. While the broker is away every call is answered 503 at once too, and the
 * connection, which never gives up, serves again as soon as the broker is back.
 */
export class NatsClient extends ClientNats {
  private brokerReachable = false;

  constructor(
    private readonly service: ServiceName,
    private readonly config: AppConfig,
    codec: PacketCodec,
  ) {
    super({
      ...natsConnectionOptions(config, 'client'),
      serializer: new SignedNatsRequestSerializer(codec),
      deserializer: new SignedNatsReplyDeserializer(codec),
    });
    this.status.subscribe((status) => (this.brokerReachable = (status as string) === 'connected'));
  }

  /**
   * Nest's client answers calls with a rejection while its connection reconnects, and the caller
   * would then close it; this one keeps the connection, which comes back by itself.
   */
  override async connect(): Promise<NatsConnection> {
    if (this.natsClient) return this.natsClient as NatsConnection;
    const connection = (await super.connect()) as NatsConnection;
    try {
      assertMessagesFitBroker(connection, this.config);
    } catch (error) {
      await this.close();
      throw error;
    }
    return connection;
  }

  protected override publish(partialPacket: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    const packet = this.assignPacketId(partialPacket);
    const connection = this.natsClient as NatsConnection | null;
    if (!connection || !this.brokerReachable) {
      callback({ err: this.unavailable(`The ${this.service} service is unreachable: the NATS broker is not connected`) });
      return () => undefined;
    }
    let wanted = true;
    const { data, headers } = this.serializer.serialize(packet) as NatsOutgoing;
    connection.request(this.normalizePattern(packet.pattern as string), data, { timeout: BROKER_REQUEST_TIMEOUT_MS, headers }).then(
      (reply) => wanted && callback(this.replyOf(reply)),
      (error: unknown) => wanted && callback({ err: this.failureOf(error) }),
    );
    return () => {
      wanted = false;
    };
  }

  /** The one reply a request gets ends the call: a handler answers once. */
  private replyOf(message: Msg): WritePacket {
    try {
      const reply = this.deserializer.deserialize(message) as WritePacket<unknown>;
      return { err: reply.err as unknown, response: reply.response, isDisposed: true };
    } catch (error) {
      return { err: this.failureOf(error) };
    }
  }

  private failureOf(error: unknown): Problem {
    if (error instanceof RequestError && error.isNoResponders()) {
      return this.unavailable(`The ${this.service} service is unavailable: no replica of it listens on the NATS broker`);
    }
    if (error instanceof RefusedMessageError) {
      logger.warn({ msg: 'refused a reply', reason: error.reason, service: this.service });
      return this.unavailable(`The ${this.service} service's reply was refused (${error.reason})`);
    }
    if (error instanceof TimeoutError) return this.unavailable(`The ${this.service} service did not answer`);
    const reason = error instanceof Error ? error.message : String(error);
    return this.unavailable(`The ${this.service} service is unreachable (${reason})`);
  }

  private unavailable(detail: string): Problem {
    return ProblemError.unavailable(this.service, detail).problem;
  }
}
