import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ProblemError } from '#libs/common';
import { AuthGuard, sessionOf, type AuthenticatedRequest } from '#libs/auth';
import { AccessLogMiddleware, HttpProblemFilter, RequestIdMiddleware } from '#libs/http';
import type { InFlightLimit } from '../load/in-flight-limit.middleware.js';
import { WorklistController } from './worklist.controller.js';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Answers `GET <path>` (the LKH) in the HTTPS server's own request listener, ahead of Express. Every phone asks at
 * every sync, mostly to be told `304`, and for that answer Express's own handling of a request (its request and
 * response objects, its router) and Nest's pipeline cost the gateway more CPU than the request's whole trip to the
 * database and back. The request meets the same parts here, in the same order, and nothing else of that pipeline
 * has anything to do for a GET without a body: the in-flight bound, the request id and the access log, the global
 * guard with the route's own metadata (token, collector role, session checked in the call), the controller's own
 * handler, problem+json for any failure. Every other request, this path spelled otherwise included, goes to
 * Express unchanged, where Nest still routes it to the same controller; Nest documents the route as before.
 */
export function answerWorklistAheadOfExpress(app: NestExpressApplication, path: string, inFlight: InFlightLimit): void {
  const requestIds = app.get(RequestIdMiddleware);
  const accessLog = app.get(AccessLogMiddleware);
  const guard = app.get(AuthGuard);
  const problems = app.get(HttpProblemFilter);
  const controller = app.get(WorklistController);
  // eslint-disable-next-line @typescript-eslint/unbound-method -- never called: the guard reads the route's metadata (roles, session checked in the call) from it
  const handler = WorklistController.prototype.worklist;

  async function answer(request: AuthenticatedRequest, response: ServerResponse, url: string): Promise<void> {
    try {
      const admitted = await guard.canActivate(new ExecutionContextHost([request, response], WorklistController, handler));
      if (!admitted) throw ProblemError.forbidden('This route is not open to the caller');
      const ifNoneMatch = request.headers['if-none-match'];
      await controller.worklist(sessionOf(request), ifNoneMatch, response);
    } catch (error) {
      problems.send(error, url, response);
    }
  }

  const server: Server = app.getHttpServer();
  const [express, ...others] = server.listeners('request') as RequestListener[];
  if (!express || others.length > 0) throw new Error('Expected Express as the HTTPS server’s one request listener');
  server.removeListener('request', express);
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? '';
    if (request.method !== 'GET' || !isPath(url, path)) {
      express(request, response);
      return;
    }
    if (!inFlight.admit(request, response, url)) return;
    requestIds.use(request, response, () => {
      accessLog.watch(request.method, path, response);
      void answer(request, response, url);
    });
  });
}

/** The URL is the path itself, with or without a query (which this route does not read). */
function isPath(url: string, path: string): boolean {
  return url.startsWith(path) && (url.length === path.length || url[path.length] === '?');
}
