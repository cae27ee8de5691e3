import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '#libs/config';
import { workspaceRoot } from '#libs/runtime';
import { contentSecurityPolicy } from './content-security-policy.js';

/** Paths the page never answers: the API keeps its own answers there, a problem+json 404 included. */
const SERVER_PATHS = /^\/(api|docs|health)(\/|-|$)/;

/** Where `npm run build:web` puts the page. */
export function webPageRoot(): string {
  return join(workspaceRoot(), 'dist', 'web');
}

/**
 * Serves the web monitoring page at `/` from the built files: hashed assets
 * cached for good, `index.html` revalidated on every load (so a new build is
 * picked up at once), and `index.html` for every other page address so the
 * page's own links survive a reload. A gateway built without the page still
 * serves the API.
 */
export function serveWebPage(app: NestExpressApplication, config: AppConfig, root = webPageRoot()): void {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) {
    new Logger('WebPage').warn({ msg: 'the web page is not built; serving the API only', root });
    return;
  }
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy(config.mapTileUrl),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
  };
  const assets = express.static(root, {
    index: false,
    fallthrough: true,
    setHeaders: (response, path) => {
      response.set(headers);
      response.set('Cache-Control', path.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || SERVER_PATHS.test(request.path)) return next();
    assets(request, response, () => {
      // A missing asset is a 404, not the page; any other address is one of the page's screens.
      if (request.path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(request.path)) return next();
      response.set(headers).set('Cache-Control', 'no-cache').sendFile(indexFile);
    });
  });
}
