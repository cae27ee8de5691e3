import type { ServerResponse } from 'node:http';
import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** One log line per answered request: method, path, status and duration, never bodies or tokens. */
@Injectable()
export class AccessLogMiddleware implements NestMiddleware {
  private readonly logger = new Logger('http');

  use(request: Request, response: Response, next: NextFunction): void {
    this.watch(request.method, request.path, response);
    next();
  }

  /** Logs the line once the response is written: for a route answered ahead of Express too. */
  watch(method: string | undefined, path: string, response: ServerResponse): void {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      this.logger.log({ method, path, status: response.statusCode, durationMs: Math.round(durationMs * 10) / 10 });
    });
  }
}
