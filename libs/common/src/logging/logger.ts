import type { LoggerService } from '@nestjs/common';
import type { Writable } from 'node:stream';
import { pino, type DestinationStream, type Logger } from 'pino';
import { isPrettyOutput, prettyStream, type LogFormat } from './log-format.js';
import { currentRequestContext } from './request-context.js';

export type AppLogger = Logger;

/** The configuration a logger is made from (`LOG_LEVEL`, `LOG_FORMAT`). */
export interface LogSettings {
  logLevel: string;
  logFormat: LogFormat;
}

/**
 * A logger stamped with the app's name and the current request id. It writes JSON lines, or readable ones
 * when the format asks for them, to stdout unless told where.
 */
export function createLogger(app: string, settings: LogSettings, destination?: Writable): AppLogger {
  const output = isPrettyOutput(settings.logFormat) ? prettyStream(destination) : (destination ?? jsonStdout());
  return pino(
    {
      level: settings.logLevel,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const context = currentRequestContext();
        return context ? { app: context.app ?? app, requestId: context.requestId } : { app };
      },
      redact: { paths: ['*.password', '*.authorization', '*.accessToken', 'password', 'authorization'], censor: '[redacted]' },
    },
    output,
  );
}

// In one-process mode the five apps share one stdout, and so one stream: their lines never interleave.
let sharedJsonStdout: DestinationStream | undefined;

/**
 * JSON lines to stdout, written by libuv in the background: a line per message is logged at every hop, and
 * writing each one synchronously cost a tenth of a service's CPU under load. Lines logged while a write is
 * under way go out together in the next one, and whatever is pending is flushed when the process exits.
 */
function jsonStdout(): DestinationStream {
  sharedJsonStdout ??= pino.destination({ dest: 1, sync: false });
  return sharedJsonStdout;
}

type Level = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/** Nest's account of wiring modules and routes: a hundred lines per start that only debugging needs. */
const WIRING_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Routes Nest's own log lines, and `Logger` calls of the apps, into the same JSON stream. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: AppLogger) {}

  log(message: unknown, context?: string): void {
    this.write(context !== undefined && WIRING_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
  }

  error(message: unknown, trace?: string, context?: string): void {
    if (message instanceof Error) {
      this.logger.error({ context, err: message }, message.message);
      return;
    }
    this.write('error', message, context ?? trace);
  }

  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }

  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }

  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: Level, message: unknown, context?: string): void {
    if (typeof message === 'object' && message !== null) {
      this.logger[level]({ context, ...message });
    } else {
      this.logger[level]({ context }, String(message));
    }
  }
}
