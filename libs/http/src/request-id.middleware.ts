import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { acceptOrCreateRequestId, runWithRequestId } from '#libs/common';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** The name of the HTTP app, stamped on its log lines. */
export const HTTP_APP_NAME = Symbol('HTTP_APP_NAME');

/**
 * Gives each request an id (the caller's `X-Request-Id` when well formed),
 * echoes it, and runs the rest of the request in its context so every log
 * line and every message to another service carries it. Node's own request
 * and response are enough: a route answered ahead of Express uses it too.
 */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  constructor(@Inject(HTTP_APP_NAME) private readonly app: string) {}

  use(request: IncomingMessage, response: ServerResponse, next: () => void): void {
    const requestId = acceptOrCreateRequestId(request.headers['x-request-id']);
    response.setHeader(REQUEST_ID_HEADER, requestId);
    runWithRequestId(requestId, next, this.app);
  }
}
