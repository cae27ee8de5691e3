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

/**
 * A message's name within its service: `<group>.<action>`, both kebab-case, the
 * group a noun (`users`, `monitoring`), the action starting with a verb
 * (`find-by-username`, `list-visits`). On the wire it becomes
 * `<service>.<group>.<action>`.
 */
export type MessageName = `${string}.${string}`;

export function defineMessage<Request, Reply>(service: ServiceName, name: MessageName): MessageDef<Request, Reply> {
  return { service, pattern: `${service}.${name}` };
}
