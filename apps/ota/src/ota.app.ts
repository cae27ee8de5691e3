import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, NestPinoLogger } from '#libs/common';
import { attachMessageServer, type AppRuntime, type RunningApp } from '#libs/runtime';
import { OtaModule } from './ota.module.js';

/** Public HTTP for downloads and admin publishing, plus the message server the gateway asks at login. */
export async function startOta(runtime: AppRuntime): Promise<RunningApp> {
  const { config } = runtime;
  const app = await NestFactory.create<NestExpressApplication>(OtaModule.forRoot(runtime), {
    logger: new NestPinoLogger(createLogger('ota', config.logLevel)),
  });
  app.disable('x-powered-by');
  await attachMessageServer(app, 'ota', runtime);
  await app.listen(config.ports.ota);
  return app;
}
