import { ConfigError, loadConfig } from '#libs/config';
import type { AppRuntime, RunningApp } from './app-runtime.js';

/**
 * The production entry of one app: validated configuration, start, and a clean
 * close on SIGTERM/SIGINT. A configuration error ends the process with its message.
 */
export async function runStandalone(name: string, start: (runtime: AppRuntime) => Promise<RunningApp>): Promise<void> {
  let app: RunningApp;
  try {
    app = await start({ config: loadConfig() });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const stop = (): void => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
