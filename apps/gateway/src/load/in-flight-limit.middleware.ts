import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { makeProblem } from '#libs/common';

/** Long enough for a few requests in flight to finish, short enough that a phone sent away is soon back. */
export const BUSY_RETRY_AFTER_SECONDS = 1;

/** One warning per this many requests sent away, so a busy hour does not fill the log. */
const WARN_EVERY = 1000;

/**
 * Bounds the API requests the gateway works on at once. Past the bound a
 * request is answered `503 gateway-busy` with `Retry-After` at once, before
 * its body is read or anything is done for it: the phone keeps what it was
 * sending and comes back, instead of waiting in a queue until its own timeout
 * and sending it again while the server still works on the first copy.
 * Mounted before the body parsers, so it renders its problem itself. One
 * bound covers the routes answered through Express and the one answered
 * ahead of it.
 */
export class InFlightLimit {
  private readonly logger = new Logger('InFlightLimit');
  private inFlight = 0;
  private refused = 0;

  constructor(private readonly maxInFlight: number) {}

  /** Counts the request until its response closes and returns true, or answers it `503 gateway-busy` and returns false. */
  admit(request: IncomingMessage, response: ServerResponse, instance: string): boolean {
    if (this.inFlight >= this.maxInFlight) {
      this.refused += 1;
      if (this.refused % WARN_EVERY === 1) this.logger.warn({ msg: 'gateway busy: requests sent away', maxInFlight: this.maxInFlight, refused: this.refused });
      this.sendBusy(response, instance);
      return false;
    }
    this.inFlight += 1;
    // `close` comes once per response, answered or cut off by the client.
    response.once('close', () => (this.inFlight -= 1));
    return true;
  }

  /** The bound as Express middleware. */
  middleware(): (request: Request, response: Response, next: NextFunction) => void {
    return (request, response, next) => {
      if (this.admit(request, response, request.originalUrl)) next();
    };
  }

  private sendBusy(response: ServerResponse, instance: string): void {
    const problem = makeProblem(503, 'gateway-busy', `The server is working on ${this.maxInFlight} requests; send this one again after Retry-After seconds`, {
      retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
    });
    const body = JSON.stringify({ ...problem, instance });
    response.writeHead(503, {
      'Content-Type': 'application/problem+json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Retry-After': String(BUSY_RETRY_AFTER_SECONDS),
    });
    response.end(body);
  }
}
