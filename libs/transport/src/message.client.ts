import type { OnApplicationShutdown } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
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
      return await firstValueFrom(proxy.send<Reply, Request>(message.pattern, request).pipe(timeout(deadline)));
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

function isConnectionFailure(error: unknown): boolean {
  return !isProblem(error) && !(error instanceof TimeoutError);
}

function translateError(service: ServiceName, error: unknown, deadline: number): ProblemError {
  if (isProblem(error)) return new ProblemError(error);
  if (error instanceof TimeoutError) {
    return ProblemError.unavailable(service, `The ${service} service did not answer within ${deadline} ms`);
  }
  const reason = error instanceof Error ? error.message : String(error);
  return ProblemError.unavailable(service, `The ${service} service is unreachable (${reason})`);
}
