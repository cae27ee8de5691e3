import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import { currentRequestId, makeProblem, ProblemError, toProblem, type Problem } from '#libs/common';
import type { ProblemCode } from '#libs/contract';

const CODES: Partial<Record<number, ProblemCode>> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  408: 'request-timeout',
  409: 'conflict',
  410: 'gone',
  412: 'precondition-failed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  416: 'range-not-satisfiable',
  422: 'unprocessable-content',
  429: 'too-many-requests',
};

/** The code of a status no part of the system names itself: one of the list, so clients meet only documented codes. */
function codeOfStatus(status: number): ProblemCode {
  return CODES[status] ?? (status >= 500 ? 'internal-error' : 'bad-request');
}

function fromHttpException(exception: HttpException): Problem {
  const status = exception.getStatus();
  const body = exception.getResponse();
  const message = typeof body === 'object' && body !== null && 'message' in body ? body.message : body;
  const detail = Array.isArray(message) ? message.join('; ') : String(message);
  return makeProblem(status, codeOfStatus(status), detail);
}

/** Body-parser errors carry an HTTP status and a `type`; Nest wraps them as the cause of an HttpException. */
function fromParserError(error: unknown): Problem | undefined {
  const candidate = error as { status?: unknown; type?: unknown; message?: unknown };
  if (typeof candidate?.status !== 'number' || candidate.status < 400 || candidate.status >= 500) return undefined;
  if (candidate.type === 'entity.parse.failed') return makeProblem(400, 'malformed-json', 'The request body is not valid JSON');
  if (candidate.type === 'entity.too.large') return makeProblem(413, 'payload-too-large', 'The request body is too large');
  if (candidate.type === 'entity.too.deep') return makeProblem(400, 'json-too-deep', String(candidate.message));
  if (candidate.type === 'entity.too.wide') return makeProblem(400, 'json-too-wide', String(candidate.message));
  return makeProblem(candidate.status, codeOfStatus(candidate.status), String(candidate.message));
}

/** Renders every failure of an HTTP request as `application/problem+json`. */
@Catch()
export class HttpProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.send(exception, http.getRequest<Request>().originalUrl, http.getResponse<Response>());
  }

  /**
   * The failure as the answer to the request whose URL is `instance`, written with Node's own response API: a
   * route answered ahead of Express (and of Nest's exception zone) renders its problems here too.
   */
  send(exception: unknown, instance: string, response: ServerResponse): void {
    // An answer already under way cannot become a problem: the client sees its connection cut short.
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const problem = this.problemOf(exception);
    if (problem.status >= 500) this.logger.warn({ status: problem.status, code: problem.code, path: pathOf(instance) }, problem.detail);
    const requestId = currentRequestId();
    const body = JSON.stringify({ ...problem, instance, ...(requestId ? { requestId } : {}) });
    response.statusCode = problem.status;
    if (problem.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(problem.retryAfterSeconds));
    response.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
    response.setHeader('Content-Length', Buffer.byteLength(body));
    response.end(body);
  }

  private problemOf(exception: unknown): Problem {
    if (exception instanceof ProblemError) return exception.problem;
    const parserProblem = fromParserError(exception instanceof HttpException ? exception.cause : exception);
    if (parserProblem) return parserProblem;
    if (exception instanceof HttpException) return fromHttpException(exception);
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return toProblem(exception);
  }
}

/** A URL's path, without its query. */
function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
