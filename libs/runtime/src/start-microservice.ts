import type { DynamicModule, INestApplication, INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger, NestPinoLogger } from '#libs/common';
import type { ServiceName } from '#libs/contract';
import { createServer, RpcAccessLogInterceptor, RpcProblemFilter } from '#libs/transport';
import type { AppRuntime } from './app-runtime.js';

/** Starts an app that only answers messages (collector, database, media). */
export async function startMicroservice(rootModule: DynamicModule, service: ServiceName, runtime: AppRuntime): Promise<INestMicroservice> {
  const logger = createLogger(service, runtime.config);
  const app = await NestFactory.createMicroservice(rootModule, {
    strategy: createServer(service, runtime.config, runtime.bus),
    logger: new NestPinoLogger(logger),
    // A refusal to start (a ConfigError) reaches the entry point, which exits with its code and message.
    abortOnError: false,
  });
  app.useGlobalFilters(new RpcProblemFilter(logger));
  app.useGlobalInterceptors(new RpcAccessLogInterceptor());
  await app.listen();
  return app;
}

/** Adds the message server to an HTTP app that also answers messages (ota). */
export async function attachMessageServer(app: INestApplication, service: ServiceName, runtime: AppRuntime): Promise<void> {
  const logger = createLogger(service, runtime.config);
  const microservice = app.connectMicroservice({ strategy: createServer(service, runtime.config, runtime.bus) }, { deferInitialization: true });
  microservice.useGlobalFilters(new RpcProblemFilter(logger));
  microservice.useGlobalInterceptors(new RpcAccessLogInterceptor());
  await app.startAllMicroservices();
}
