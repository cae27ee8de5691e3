import { Writable } from 'node:stream';
import { createLogger, isPrettyOutput } from '#libs/common';
import { loadConfig, ConfigError, type AppConfig } from '#libs/config';
import { APP_NAMES } from '#libs/contract';
import { AppSupervisor, launchApp, logSupervisionEvent, printWithPrefix, type SupervisionEvent } from '#libs/runtime';

/**
 * `npm run start:split`: the five apps as five processes over TCP (or the NATS
 * broker of `TRANSPORT=nats`), each line of output prefixed with its app. Each app is supervised on its own: one that
 * crashes is restarted while the other four keep serving. Ctrl-C stops them all.
 */
// Five processes cannot share the in-process transport: anything but NATS means TCP.
const transport = process.env.TRANSPORT?.trim() === 'nats' ? 'nats' : 'tcp';
let config: AppConfig;
try {
  config = loadConfig({ ...process.env, TRANSPORT: transport });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(78);
}

// The apps write to the launcher's pipes, not to the terminal: they are told the format the launcher chose.
const env = { ...process.env, TRANSPORT: transport, LOG_FORMAT: isPrettyOutput(config.logFormat) ? 'pretty' : 'json' };
const prefixedLines = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().trimEnd().split('\n')) printWithPrefix('launcher', line);
    done();
  },
});
const logger = createLogger('launcher', config, prefixedLines);
const order = ['database', 'media', 'ota', 'collector', 'gateway'] as const satisfies readonly (typeof APP_NAMES)[number][];
const supervisors = order.map((app) => new AppSupervisor(app, () => launchApp(app, { env }), onEvent));
let stopping = false;

/** With every app given up nothing serves and nothing comes back by itself: the exit code says so to whoever started it. */
function onEvent(event: SupervisionEvent): void {
  logSupervisionEvent(logger, event);
  if (event.kind === 'gave-up' && supervisors.every((supervisor) => supervisor.state === 'given-up')) {
    logger.fatal({ event: 'all-given-up' }, 'gave up on every app; the launcher exits');
    process.exit(1);
  }
}

async function stopAll(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ event: 'stopping', signal }, `${signal}: stopping every app`);
  await Promise.all(supervisors.map((supervisor) => supervisor.stop()));
  logger.info({ event: 'stopped' }, 'every app stopped');
  process.exit(0);
}

// SIGHUP too: closing the terminal must not leave the apps running without their launcher.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void stopAll(signal));
process.on('SIGUSR2', () => {
  if (stopping) return;
  for (const supervisor of supervisors) supervisor.start();
});
for (const supervisor of supervisors) supervisor.start();
