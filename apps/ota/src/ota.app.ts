import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, NestPinoLogger } from '#libs/common';
import { applyServerTimeouts, publishOpenApi, useJsonBodyParser } from '#libs/http';
import { attachMessageServer, type AppRuntime, type RunningApp } from '#libs/runtime';
import { OtaModule } from './ota.module.js';

/** Public HTTP for downloads and admin publishing, plus the message server the gateway asks at login. */
export async function startOta(runtime: AppRuntime): Promise<RunningApp> {
  const { config } = runtime;
  const app = await NestFactory.create<NestExpressApplication>(OtaModule.forRoot(runtime), {
    logger: new NestPinoLogger(createLogger('ota', config)),
  });
  app.disable('x-powered-by');
  useJsonBodyParser(app, '100kb');
  applyServerTimeouts('ota', app.getHttpServer(), config.http);
  publishOpenApi(app, {
    title: 'Mobile Collection app updates',
    description: 'APK downloads and update checks for phones; publishing and managing releases for admins. Errors are RFC 9457 problem+json.',
  });
  await attachMessageServer(app, 'ota', runtime);
  await app.listen(config.ports.ota);
  return app;
}
