import type { AppLogger } from '#libs/common';
import type { ProcessExit } from './app-process.js';
import type { SupervisionEvent } from './app-supervisor.js';

function describeExit(exit: ProcessExit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/**
 * One JSON line per event, with a sentence a person watching the terminal can
 * act on; the launcher's own pid is on every line, for `kill -USR2`.
 */
export function logSupervisionEvent(logger: AppLogger, event: SupervisionEvent): void {
  const child = { app: event.app, pid: event.pid };
  const startAgain = `kill -USR2 ${process.pid} starts it again`;
  switch (event.kind) {
    case 'started':
      logger.info({ event: event.kind, child }, `${event.app} started (pid ${event.pid})`);
      return;
    case 'crashed':
      logger.error(
        { event: event.kind, child, exit: event.exit, restartInMs: event.restartInMs },
        `${event.app} (pid ${event.pid}) crashed: ${describeExit(event.exit)}; restarting it in ${seconds(event.restartInMs)}`,
      );
      return;
    case 'gave-up':
      logger.fatal(
        { event: event.kind, child, exit: event.exit, crashes: event.crashes },
        `${event.app} (pid ${event.pid}) crashed ${event.crashes} times in a row without staying up, last with ${describeExit(event.exit)}: ` +
          `giving up on it; the other apps keep running; ${startAgain}`,
      );
      return;
    case 'exited-cleanly':
      logger.warn({ event: event.kind, child }, `${event.app} (pid ${event.pid}) exited with code 0 and stays stopped; ${startAgain}`);
      return;
  }
}
