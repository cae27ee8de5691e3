import 'reflect-metadata';
import { createLogger, isPrettyOutput } from '#libs/common';
import { ConfigError, loadConfig, type AppConfig } from '#libs/config';
import type { RunningApp } from '#libs/runtime';
import { InprocBus } from '#libs/transport';
import { startCollector } from '../../collector/src/collector.app.js';
import { startDatabase } from '../../database/src/database.app.js';
import { startGateway } from '../../gateway/src/gateway.app.js';
import { startMedia } from '../../media/src/media.app.js';
import { startOta } from '../../ota/src/ota.app.js';
import { startupBanner, startupSummary } from './startup-banner.js';

/**
 * The one-process composition root: the five apps, each with its own module
 * tree, talking over the in-process transport unless TRANSPORT says otherwise.
 * Dependencies start first and stop last.
 */
async function startAll(config: AppConfig): Promise<RunningApp[]> {
  const runtime = { config, bus: new InprocBus() };
  const started: RunningApp[] = [];
  for (const start of [startDatabase, startMedia, startOta, startCollector, startGateway]) {
    started.push(await start(runtime));
  }
  return started;
}

async function stopAll(apps: RunningApp[]): Promise<void> {
  for (const app of [...apps].reverse()) await app.close();
}

/** A person at a terminal gets a banner; a log collector gets the same facts as one entry. */
function announceStarted(config: AppConfig): void {
  const summary = startupSummary(config);
  if (isPrettyOutput(config.logFormat)) process.stdout.write(`${startupBanner(summary)}\n`);
  else createLogger('main', config).info({ event: 'started', ...summary }, 'every app started');
}

try {
  const config = loadConfig({ TRANSPORT: 'inproc', ...process.env });
  const apps = await startAll(config);
  announceStarted(config);
  const stop = (): void => {
    stopAll(apps).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(78);
}
