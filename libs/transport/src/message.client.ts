import type { OnApplicationShutdown } from '@nestjs/common';
import type { ClientProxy, ReadPacket, WritePacket } from '@nestjs/microservices';
import { EmptyError } from 'rxjs';
import { isProblem, ProblemError } from '#libs/common';
import type { DependencyStatus, EmptyRequest, MessageDef, ServiceName, StatusReply } from '#libs/contract';

export interface SendOptions {
  timeoutMs?: number;
}

/**
 * Sends contract messages to the services an app depends on. Every call has a
 * deadline; a service that is down or too slow becomes a 503 problem, and a
 * problem thrown by the remote handler arrives here as the same problem.
 */
export class MessageClient implements OnApplicationShutdown {
  constructor(
    private readonly proxies: ReadonlyMap<ServiceName, ClientProxy<any, any>>,
    private readonly defaultTimeoutMs: number,
  ) {}

  async send<Request, Reply>(message: MessageDef<Request, Reply>, request: Request, options: SendOptions = {}): Promise<Reply> {
    const proxy = this.proxies.get(message.service);
    if (!proxy) throw new Error(`This app has no client for the ${message.service} service`);
    const deadline = options.timeoutMs ?? this.defaultTimeoutMs;
    try {
      return await exchange<Reply>(proxy as unknown as PacketPublisher, message.pattern, request, deadline);
    } catch (error) {
      if (isConnectionFailure(error)) {
        // A TCP client keeps a refused connection attempt; dropping it makes the next call dial again.
        proxy.close();
      }
      throw translateError(message.service, error, deadline);
    }
  }

  /** Asks a dependency for its status; never throws, a failure is reported as down. */
  async probe(message: MessageDef<EmptyRequest, StatusReply>, timeoutMs = 2000): Promise<DependencyStatus> {
    try {
      const status = await this.send(message, {}, { timeoutMs });
      return { service: message.service, up: true, status };
    } catch (error) {
      return {
        service: message.service,
        up: false,
        reason: error instanceof Error ? error.message : String(error),
        code: error instanceof ProblemError ? error.problem.code : 'service-unavailable',
      };
    }
  }

  onApplicationShutdown(): void {
    for (const proxy of this.proxies.values()) proxy.close();
  }
}

/** What this client uses of a Nest client: the two steps its `send` takes, connecting and publishing one packet. */
interface PacketPublisher {
  connect(): Promise<unknown>;
  createPacket(pattern: string, data: unknown): ReadPacket;
  publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void;
}

/** The call's deadline passed before its reply came. */
class DeadlinePassedError extends Error {}

/**
 * One request and its first reply, as Nest's `send` makes it, without its Observable: `send` builds an rxjs chain
 * per call (defer, mergeMap, an observer, then a timeout and a first-value subscription), which on a hot route cost
 * the caller a measurable share of its CPU for each message. Same outcomes: the first reply's value or its error, a
 * reply without a value as rxjs's EmptyError, a missed deadline as an error, and the packet forgotten either way.
 */
function exchange<Reply>(client: PacketPublisher, pattern: string, data: unknown, deadline: number): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    let settled = false;
    let forget: (() => void) | undefined;
    const settle = () => {
      settled = true;
      clearTimeout(timer);
      forget?.();
    };
    const timer = setTimeout(() => {
      settle();
      reject(new DeadlinePassedError());
    }, deadline);
    const publish = () => {
      if (settled) return;
      const unpublish = client.publish(client.createPacket(pattern, data), ({ err, response, isDisposed }) => {
        if (settled) return;
        settle();
        if (err) reject(err as Error);
        else if (response === undefined && isDisposed) reject(new EmptyError());
        else resolve(response as Reply);
      });
      // A transport may answer within `publish` (a refusal): the packet is forgotten at once then.
      if (settled) unpublish();
      else forget = unpublish;
    };
    connection(client).then(publish, (error: unknown) => {
      if (settled) return;
      settle();
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passed on as the transport gave it, as Nest's own send does
      reject(error);
    });
  });
}

/** The client's connection: async, so a failure to start one rejects too, as in Nest's own `send`. */
async function connection(client: PacketPublisher): Promise<unknown> {
  return client.connect();
}

function isConnectionFailure(error: unknown): boolean {
  return !isProblem(error) && !(error instanceof DeadlinePassedError);
}

function translateError(service: ServiceName, error: unknown, deadline: number): ProblemError {
  if (isProblem(error)) return new ProblemError(error);
  if (error instanceof DeadlinePassedError) {
    return ProblemError.unavailable(service, `The ${service} service did not answer within ${deadline} ms`);
  }
  const reason = error instanceof Error ? error.message : String(error);
  return ProblemError.unavailable(service, `The ${service} service is unreachable (${reason})`);
}
