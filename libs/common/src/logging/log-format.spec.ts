import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { isPrettyOutput } from './log-format.js';
import { createLogger, NestPinoLogger } from './logger.js';

function collect(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().trimEnd().split('\n'));
      done();
    },
  });
  return { lines, stream };
}

describe('log format', () => {
  it('is readable on a terminal and JSON elsewhere, unless LOG_FORMAT forces one', () => {
    expect(isPrettyOutput('auto', { isTTY: true })).toBe(true);
    expect(isPrettyOutput('auto', { isTTY: undefined })).toBe(false);
    expect(isPrettyOutput('json', { isTTY: true })).toBe(false);
    expect(isPrettyOutput('pretty', { isTTY: undefined })).toBe(true);
  });

  it('prints one readable line per entry with the app, the context and the fields', () => {
    const { lines, stream } = collect();
    new NestPinoLogger(createLogger('database', { logLevel: 'info', logFormat: 'pretty' }, stream)).log({ msg: 'demo data loaded', users: 6 }, 'DemoData');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: database DemoData: demo data loaded \{"users":6\}$/);
  });

  it('keeps JSON lines, and leaves Nest wiring its modules and routes to debug', () => {
    const { lines, stream } = collect();
    const logger = new NestPinoLogger(createLogger('gateway', { logLevel: 'info', logFormat: 'json' }, stream));
    logger.log('Mapped {/api/v1/worklist, GET} route', 'RouterExplorer');
    logger.log('Nest application successfully started', 'NestApplication');
    expect(lines.map((line) => JSON.parse(line) as object)).toEqual([
      expect.objectContaining({ level: 30, app: 'gateway', context: 'NestApplication', msg: 'Nest application successfully started' }),
    ]);
  });
});
