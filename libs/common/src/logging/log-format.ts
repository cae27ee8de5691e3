import type { Writable } from 'node:stream';
import type { DestinationStream } from 'pino';
import { PinoPretty, type PrettyOptions } from 'pino-pretty';

/** `auto` chooses by where the lines go: readable for a person at a terminal, JSON for a log collector. */
export type LogFormat = 'auto' | 'pretty' | 'json';

export function isPrettyOutput(format: LogFormat, output: { isTTY?: boolean } = process.stdout): boolean {
  return format === 'pretty' || (format === 'auto' && output.isTTY === true);
}

/** One line per entry: time, level, app, Nest context, message, then the entry's own fields. */
const ONE_LINE: PrettyOptions = {
  singleLine: true,
  translateTime: 'SYS:HH:MM:ss.l',
  ignore: 'pid,hostname,app,context',
  messageFormat: '{app}{if context} {context}{end}: {msg}',
  sync: true,
};

// In one-process mode the five apps share one terminal, and so one stream.
let prettyStdout: DestinationStream | undefined;

/** Readable lines to stdout (coloured on a terminal), or to the given stream. */
export function prettyStream(destination?: Writable): DestinationStream {
  if (destination) return PinoPretty({ ...ONE_LINE, colorize: false, destination });
  prettyStdout ??= PinoPretty({ ...ONE_LINE, colorize: process.stdout.isTTY === true });
  return prettyStdout;
}
