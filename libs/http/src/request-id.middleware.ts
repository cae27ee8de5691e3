import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { acceptOrCreateRequestId, runWithRequestId } from '#libs/common';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** The name of the HTTP app, stamped on its log lines. */
export const HTTP_APP_NAME = Symbol('HTTP_APP_NAME');

/**
 * Gives each request an id (the caller's `X-Request-Id` when well formed),
 * echoes it, and runs the rest of the request in its context so every log
 * line and every message to another service carries it.
 */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  constructor(@Inject(HTTP_APP_NAME) private readonly app: string) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const requestId = acceptOrCreateRequestId(request.header(REQUEST_ID_HEADER));
    response.setHeader(REQUEST_ID_HEADER, requestId);
    runWithRequestId(requestId, next, this.app);
  }
}
