import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { APP_NAMES, type AppName } from '#libs/contract';
import type { TestEngine } from '../support/test-database.js';
import { playCompanyDay, playCompanyDayOn, type CompanyDayOptions, type CompanyDayReport, type DayObserver } from './company-day.js';
import { renderDayReport } from './day-report.js';

const USAGE = `npm run simulate -- --collectors N --visits-per-collector M [options]

  --photos-per-visit P     proof photos per visit (default 1)
  --photo-size WxH         pixels of each photo (default 320x240)
  --drop 0.2               share of responses dropped after the server acted (default 0)
  --reset 0.01             share of requests whose connection is reset (default 0)
  --slow 0.1               share of connections on a slow network (default 0)
  --resets 0.1             share of collectors who reset local data mid-day (default 0.1)
  --chaos a,b              services to kill once each: gateway,collector,database,media,ota (needs --split)
  --split                  five processes under the launcher (default: one process)
  --engine postgres        PostgreSQL at TEST_PG_URL (default: SQLite)
  --url https://host:port  play against a running system instead (its demo data needs N collectors)
  --ca gateway.crt         the certificate that system's gateway presents (with --url)
  --report file.json       where to write the JSON report (default simulation-report.json)`;

const { values } = parseArgs({
  options: {
    collectors: { type: 'string' },
    'visits-per-collector': { type: 'string' },
    'photos-per-visit': { type: 'string', default: '1' },
    'photo-size': { type: 'string', default: '320x240' },
    drop: { type: 'string', default: '0' },
    reset: { type: 'string', default: '0' },
    slow: { type: 'string', default: '0' },
    resets: { type: 'string', default: '0.1' },
    chaos: { type: 'string', default: '' },
    split: { type: 'boolean', default: false },
    engine: { type: 'string', default: 'sqlite' },
    url: { type: 'string' },
    ca: { type: 'string' },
    report: { type: 'string', default: 'simulation-report.json' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help || !values.collectors || !values['visits-per-collector']) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(values.help ? 0 : 64);
}

const options: CompanyDayOptions = {
  collectors: count(values.collectors, 'collectors', 1),
  visitsPerCollector: count(values['visits-per-collector'], 'visits-per-collector', 1),
  photosPerVisit: count(values['photos-per-visit'], 'photos-per-visit', 1),
  photoSize: photoSize(values['photo-size']),
  faults: { drop: share(values.drop, 'drop'), reset: share(values.reset, 'reset'), slow: share(values.slow, 'slow') },
  resetShare: share(values.resets, 'resets'),
  chaos: services(values.chaos),
};

const report = await play(options, progressBar(options));
process.stdout.write(`\n${renderDayReport(report)}`);
writeFileSync(values.report, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`report written to ${values.report}\n`);
process.exit(report.passed ? 0 : 1);

function play(options: CompanyDayOptions, observer: DayObserver): Promise<CompanyDayReport> {
  if (values.url) {
    if (options.chaos.length > 0) fail('--chaos needs a system started by the simulator (--split), not --url');
    if (!values.ca) fail('--url needs --ca, the certificate its gateway presents');
    return playCompanyDay(options, { gatewayUrl: values.url, ca: readFileSync(values.ca, 'utf8') }, observer);
  }
  if (options.chaos.length > 0 && !values.split) fail('--chaos needs --split: only the launcher brings a killed service back');
  const engine = values.engine as TestEngine;
  if (engine !== 'sqlite' && engine !== 'postgres') fail('--engine is sqlite or postgres');
  return playCompanyDayOn({ mode: values.split ? 'split' : 'single', engine }, options, observer);
}

/** A bar on a terminal; nothing when the output is a file or a pipe. */
function progressBar(options: CompanyDayOptions): DayObserver {
  if (!process.stderr.isTTY) return {};
  const bar = new SingleBar({ format: 'visits confirmed [{bar}] {value}/{total} {percentage}% eta {eta}s', stream: process.stderr }, Presets.shades_classic);
  bar.start(options.collectors * options.visitsPerCollector, 0);
  return {
    progress(confirmed, total) {
      bar.update(confirmed);
      if (confirmed >= total) bar.stop();
    },
  };
}

function count(text: string, name: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) fail(`--${name} must be a whole number of at least ${min}, got ${text}`);
  return value;
}

function share(text: string, name: string): number {
  const value = Number(text);
  if (!(value >= 0 && value <= 1)) fail(`--${name} must be a share from 0 to 1, got ${text}`);
  return value;
}

function photoSize(text: string): [number, number] {
  const match = /^(\d+)x(\d+)$/.exec(text);
  if (!match) fail(`--photo-size must be WIDTHxHEIGHT, got ${text}`);
  return [Number(match[1]), Number(match[2])];
}

function services(text: string): AppName[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !APP_NAMES.includes(name as AppName));
  if (unknown.length > 0) fail(`--chaos names unknown services: ${unknown.join(', ')} (known: ${APP_NAMES.join(', ')})`);
  return names as AppName[];
}

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(64);
}
