import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, Response } from 'express';
import { ProblemError } from '#libs/common';
import { AuthGuard, sessionOf, type AuthenticatedRequest } from '#libs/auth';
import { AccessLogMiddleware, HttpProblemFilter, RequestIdMiddleware } from '#libs/http';
import { WorklistController } from './worklist.controller.js';

/**
 * Answers `GET <path>` (the LKH) ahead of Nest's route pipeline. Every phone asks at every sync, mostly to be told
 * `304`, and for that answer the pipeline (every middleware and route before this one, then the guard, pipes and
 * exception zone) cost the gateway more CPU than the request's whole trip to the database and back. The request
 * meets the same parts here, in the same order, and nothing else of that pipeline has anything to do for a GET
 * without a body: the request id and the access log, the global guard with the route's own metadata (token,
 * collector role, session checked in the call), the controller's own handler, problem+json for any failure. Nest
 * still knows the route, for the API document. Mount it after the in-flight limit and before the body parsers.
 */
export function answerWorklistAheadOfPipeline(app: NestExpressApplication, path: string): void {
  const requestIds = app.get(RequestIdMiddleware);
  const accessLog = app.get(AccessLogMiddleware);
  const guard = app.get(AuthGuard);
  const problems = app.get(HttpProblemFilter);
  const controller = app.get(WorklistController);
  // eslint-disable-next-line @typescript-eslint/unbound-method -- never called: the guard reads the route's metadata (roles, session checked in the call) from it
  const handler = WorklistController.prototype.worklist;

  async function answer(request: AuthenticatedRequest, response: Response): Promise<void> {
    try {
      const admitted = await guard.canActivate(new ExecutionContextHost([request, response], WorklistController, handler));
      if (!admitted) throw ProblemError.forbidden('This route is not open to the caller');
      await controller.worklist(sessionOf(request), request.header('if-none-match'), response);
    } catch (error) {
      problems.send(error, request, response);
    }
  }

  const server: Express = app.getHttpAdapter().getInstance();
  server.get(path, (request, response) => {
    requestIds.use(request, response, () => accessLog.use(request, response, () => void answer(request, response)));
  });
}
