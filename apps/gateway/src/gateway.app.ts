import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, NestPinoLogger } from '#libs/common';
import { applyServerTimeouts, publishOpenApi, useJsonBodyParser } from '#libs/http';
import type { AppRuntime, RunningApp } from '#libs/runtime';
import { answerWorklistAheadOfExpress } from './field/worklist.route.js';
import { GatewayModule } from './gateway.module.js';
import { InFlightLimit } from './load/in-flight-limit.middleware.js';
import { tlsCredentials } from './tls/tls-credentials.js';
import { passOtaThrough } from './web/ota-pass-through.js';
import { serveWebPage } from './web/web-page.js';

export const API_PREFIX = 'api/v1';

export async function startGateway(runtime: AppRuntime): Promise<RunningApp> {
  const { config } = runtime;
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(runtime), {
    httpsOptions: await tlsCredentials(config),
    logger: new NestPinoLogger(createLogger('gateway', config)),
  });
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustedProxies.length > 0 ? config.trustedProxies : false);
  // Before the body parser: uploads to the ota app stream through untouched.
  passOtaThrough(app, config);
  // Before the body parser too: a request sent away costs no reading of its body.
  const inFlight = new InFlightLimit(config.gatewayMaxInFlight);
  app.use(`/${API_PREFIX}`, inFlight.middleware());
  answerWorklistAheadOfExpress(app, `/${API_PREFIX}/worklist`, inFlight);
  useJsonBodyParser(app, '2mb');
  serveWebPage(app, config);
  applyServerTimeouts('gateway', app.getHttpServer(), config.http);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'health/ready'] });
  publishOpenApi(app, {
    title: 'Mobile Collection staging API',
    description: 'The REST contract of the field collection app and web monitoring. Errors are RFC 9457 problem+json.',
  });
  await app.listen(config.ports.gateway);
  return app;
}
