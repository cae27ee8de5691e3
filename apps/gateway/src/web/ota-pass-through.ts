import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import type { Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { ProblemError } from '#libs/common';
import type { AppConfig } from '#libs/config';

/** The ota app's public HTTP API, which the web page reaches through the gateway. */
export const OTA_API_PATH = '/api/v1/ota';

/** How long the ota app may stay silent on a proxied request (it reads a whole APK before it answers). */
const OTA_IDLE_TIMEOUT_MS = 120_000;

/**
 * Streams `/api/v1/ota/*` to the ota app's HTTP port, so the web page (HTTPS,
 * the gateway's origin) can manage releases with its one token: a page served
 * over HTTPS may not call plain HTTP, nor another origin without CORS. Bodies
 * are piped as they arrive, so an APK never sits in the gateway's memory nor
 * crosses the message transport; the ota app checks the token and the admin's
 * session itself. Must be mounted before any body parser.
 */
export function passOtaThrough(app: NestExpressApplication, config: AppConfig): void {
  const logger = new Logger('OtaPassThrough');
  const target = `http://${config.serviceHosts.ota}:${config.ports.ota}`;
  app.use(
    createProxyMiddleware<Request, Response>({
      target,
      pathFilter: OTA_API_PATH,
      xfwd: true,
      proxyTimeout: OTA_IDLE_TIMEOUT_MS,
      on: {
        error: (error, _request, response) => {
          logger.warn({ msg: 'ota app unreachable', reason: error.message });
          const { problem } = ProblemError.unavailable('ota', 'The app update service is not reachable; try again shortly');
          if ('headersSent' in response && !response.headersSent) {
            response
              .status(503)
              .set({ 'Content-Type': 'application/problem+json', 'Retry-After': String(problem.retryAfterSeconds) })
              .send(JSON.stringify(problem));
          } else {
            (response as Socket).destroy?.();
          }
        },
      },
    }),
  );
}
