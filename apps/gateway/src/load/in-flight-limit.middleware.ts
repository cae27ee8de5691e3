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
 * Mounted before the body parsers, so it renders its problem itself.
 */
export function inFlightLimit(maxInFlight: number): (request: Request, response: Response, next: NextFunction) => void {
  const logger = new Logger('InFlightLimit');
  let inFlight = 0;
  let refused = 0;
  return (request, response, next) => {
    if (inFlight >= maxInFlight) {
      refused += 1;
      if (refused % WARN_EVERY === 1) logger.warn({ msg: 'gateway busy: requests sent away', maxInFlight, refused });
      sendBusy(request, response, maxInFlight);
      return;
    }
    inFlight += 1;
    // `close` comes once per response, answered or cut off by the client.
    response.once('close', () => (inFlight -= 1));
    next();
  };
}

function sendBusy(request: Request, response: Response, maxInFlight: number): void {
  const problem = makeProblem(503, 'gateway-busy', `The server is working on ${maxInFlight} requests; send this one again after Retry-After seconds`, {
    retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
  });
  response
    .status(503)
    .set({ 'Content-Type': 'application/problem+json', 'Retry-After': String(BUSY_RETRY_AFTER_SECONDS) })
    .send(JSON.stringify({ ...problem, instance: request.originalUrl }));
}
