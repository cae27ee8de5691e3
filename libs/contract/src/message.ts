import type { ServiceName } from './services.js';

/**
 * A request/reply message between services: the service that answers it, its
 * pattern on the wire, and (as phantom types) what it carries and returns.
 * Apps send and handle messages only through these definitions, so a pattern
 * name is written once, here.
 */
export interface MessageDef<Request, Reply> {
  readonly service: ServiceName;
  readonly pattern: string;
  readonly _request?: Request;
  readonly _reply?: Reply;
}

export type RequestOf<M> = M extends MessageDef<infer Request, unknown> ? Request : never;
export type ReplyOf<M> = M extends MessageDef<unknown, infer Reply> ? Reply : never;

export function defineMessage<Request, Reply>(service: ServiceName, name: string): MessageDef<Request, Reply> {
  return { service, pattern: `${service}.${name}` };
}
