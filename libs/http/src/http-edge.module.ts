import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AccessLogMiddleware } from './access-log.middleware.js';
import { HttpProblemFilter } from './http-problem.filter.js';
import { HTTP_APP_NAME, RequestIdMiddleware } from './request-id.middleware.js';
import { createValidationPipe } from './validation.pipe.js';

/**
 * What every public HTTP app puts at its edge: request ids, access logs,
 * validation of every input, and problem+json for every error.
 */
@Module({})
export class HttpEdgeModule implements NestModule {
  static forApp(app: string): DynamicModule {
    return {
      module: HttpEdgeModule,
      providers: [
        { provide: HTTP_APP_NAME, useValue: app },
        HttpProblemFilter,
        RequestIdMiddleware,
        AccessLogMiddleware,
        { provide: APP_FILTER, useExisting: HttpProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
      // For a route answered ahead of Nest's pipeline, which must meet the same edge.
      exports: [HttpProblemFilter, RequestIdMiddleware, AccessLogMiddleware],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware, AccessLogMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
