import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, NestPinoLogger } from '#libs/common';
import { applyServerTimeouts, publishOpenApi, useJsonBodyParser } from '#libs/http';
import type { AppRuntime, RunningApp } from '#libs/runtime';
import { GatewayModule } from './gateway.module.js';
import { tlsCredentials } from './tls/tls-credentials.js';

export const API_PREFIX = 'api/v1';

export async function startGateway(runtime: AppRuntime): Promise<RunningApp> {
  const { config } = runtime;
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(runtime), {
    httpsOptions: await tlsCredentials(config),
    logger: new NestPinoLogger(createLogger('gateway', config.logLevel)),
  });
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustedProxies.length > 0 ? config.trustedProxies : false);
  useJsonBodyParser(app, '2mb');
  applyServerTimeouts('gateway', app.getHttpServer(), config.http);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'health/ready'] });
  publishOpenApi(app, {
    title: 'Mobile Collection staging API',
    description: 'The REST contract of the field collection app and web monitoring. Errors are RFC 9457 problem+json.',
  });
  await app.listen(config.ports.gateway);
  return app;
}
