import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createLogger, NestPinoLogger } from '#libs/common';
import { attachMessageServer, type AppRuntime, type RunningApp } from '#libs/runtime';
import { OtaModule } from './ota.module.js';

function publishOpenApi(app: NestExpressApplication): void {
  const document = new DocumentBuilder()
    .setTitle('Mobile Collection app updates')
    .setDescription('APK downloads and update checks for phones; publishing and managing releases for admins. Errors are RFC 9457 problem+json.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, document));
}

/** Public HTTP for downloads and admin publishing, plus the message server the gateway asks at login. */
export async function startOta(runtime: AppRuntime): Promise<RunningApp> {
  const { config } = runtime;
  const app = await NestFactory.create<NestExpressApplication>(OtaModule.forRoot(runtime), {
    logger: new NestPinoLogger(createLogger('ota', config.logLevel)),
  });
  app.disable('x-powered-by');
  publishOpenApi(app);
  await attachMessageServer(app, 'ota', runtime);
  await app.listen(config.ports.ota);
  return app;
}
