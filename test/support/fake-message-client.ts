import type { MessageDef } from '#libs/contract';
import { MessageClient, type SendOptions } from '#libs/transport';

/** How the fake answers one message: a fixed reply, or one made from the request (which may throw, as a remote handler does). */
export type Answer<Request, Reply> = Reply | ((request: Request) => Reply | Promise<Reply>);

/** A message the unit under test sent, in the order sent. */
export interface SentMessage {
  pattern: string;
  request: unknown;
  options: SendOptions;
}

/**
 * The services an app talks to, played by the test: each message is answered as the test says, typed by its
 * contract definition, and every message sent is recorded. A message the test did not answer fails loudly,
 * naming its pattern, so a service that asks for more than its test expects is caught. `probe` is the real
 * one, built on this `send`.
 */
export class FakeMessageClient extends MessageClient {
  readonly sent: SentMessage[] = [];
  private readonly answers = new Map<string, (request: unknown) => unknown>();

  constructor() {
    super(new Map(), 0);
  }

  /** Answers every later `message` so; a later answer for the same message replaces this one. */
  answer<Request, Reply>(message: MessageDef<Request, Reply>, answer: Answer<Request, Reply>): this {
    this.answers.set(message.pattern, typeof answer === 'function' ? (answer as (request: unknown) => unknown) : () => answer);
    return this;
  }

  /** Fails every later `message` with `error`, as a remote handler's problem or an unreachable service arrives. */
  fail(message: MessageDef<unknown, unknown>, error: Error): this {
    this.answers.set(message.pattern, () => {
      throw error;
    });
    return this;
  }

  override async send<Request, Reply>(message: MessageDef<Request, Reply>, request: Request, options: SendOptions = {}): Promise<Reply> {
    this.sent.push({ pattern: message.pattern, request, options });
    const answer = this.answers.get(message.pattern);
    if (!answer) throw new Error(`no answer was set for ${message.pattern}`);
    return (await answer(request)) as Reply;
  }

  /** The requests sent as `message`, in order. */
  requestsOf<Request, Reply>(message: MessageDef<Request, Reply>): Request[] {
    return this.sent.filter((sent) => sent.pattern === message.pattern).map((sent) => sent.request as Request);
  }

  /** The patterns sent, in order. */
  get patterns(): string[] {
    return this.sent.map((sent) => sent.pattern);
  }
}
