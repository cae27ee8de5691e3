import { MessagePattern } from '@nestjs/microservices';
import type { MessageDef } from '#libs/contract';

/**
 * What a handler of a message may be: it takes the message's request (or a
 * wider type) first, then whatever else Nest passes, and answers the reply.
 */
export type HandlerOf<Request, Reply> = (request: Request, ...context: never[]) => Reply | Promise<Reply>;

/**
 * Marks a controller method as the handler of a contract message. The method's
 * type is checked against the definition, so a request or reply changed in the
 * contract fails the type check here as it does at every caller.
 */
export function Handles<Request, Reply>(message: MessageDef<Request, Reply>) {
  const pattern = MessagePattern(message.pattern);
  return <Handler extends HandlerOf<Request, Reply>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<Handler>): void => {
    pattern(target, key, descriptor);
  };
}
