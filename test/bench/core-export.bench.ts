import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '#libs/config';
import { dataSourceOptions } from '#libs/entities';
import { OUTBOUND_VISIT_COLUMNS } from '../../apps/database/src/core/outbound/outbound-records.js';
import { DEMO_PASSWORD } from '../support/demo-users.js';
import type { RunningSystem } from '../support/system-harness.js';
import { testEngines, type TestEngine } from '../support/test-database.js';
import { secondsSince, table, withSystem, type Benchmark, type SummaryFigure } from './bench-kit.js';

/** A day of 2,000 collectors with 40 visits each. */
const COLLECTORS = 2000;
const VISITS_PER_COLLECTOR = 40;
const GOAL_SECONDS = 10;
/** Long enough for a slow run to finish and be reported as missing its goal, instead of cut off. */
const EXPORT_TIMEOUT_MS = 15 * 60_000;
/** Rows per INSERT: 500 x 18 columns stays under every engine's parameter limit but SQL Server's, which the bench does not run. */
const INSERT_CHUNK = 500;

type Row = (string | number | null)[];

interface DayRows {
  tables: { name: string; columns: string[]; rows: Row[] }[];
  visits: number;
  total: number;
}

/**
 * `core-export`: the outbound rows of 80,000 visits (with their payments,
 * promises, photo references and closed days) exported by `core:export`
 * through the running system's admin API and acknowledged. The rows are put
 * straight into the interface tables first: what is measured is the export.
 */
export function coreExportBenchmark(): Benchmark {
  return {
    name: 'core-export',
    async run() {
      const rows: (string | number)[][] = [];
      const summary: SummaryFigure[] = [];
      for (const engine of testEngines()) {
        const result = await withSystem({ mode: 'single', engine, env: { LOG_LEVEL: 'warn' } }, (system) => measureExport(system, engine));
        rows.push([
          engine,
          result.visits,
          result.total,
          result.files,
          result.seconds.toFixed(1),
          Math.round(result.total / result.seconds),
          `< ${GOAL_SECONDS} s`,
        ]);
        summary.push({
          figure: `core:export of ${result.visits.toLocaleString('en')} visits' rows (${engine}), s`,
          oneProcess: Math.round(result.seconds * 10) / 10,
          goal: `< ${GOAL_SECONDS} s`,
          met: result.seconds < GOAL_SECONDS,
        });
      }
      return {
        title: 'Core export: 80,000 visits',
        summary,
        markdown: [
          `\`npm run core:export\` against \`npm start\` (one process), the five tables at once, pages of up to 20,000 rows taken as the CSV files the database service writes: each page taken over the admin API,`,
          `written to a CSV file, flushed with its folder, then acknowledged. A day of ${COLLECTORS.toLocaleString('en')} collectors x ${VISITS_PER_COLLECTOR} visits: every fourth visit`,
          'with a payment, every fourth with a promise, three in four with a photo, and each collector-day closed.',
          '',
          table(['engine', 'visits', 'rows (all tables)', 'files', 'seconds', 'rows/s', 'goal'], rows),
        ].join('\n'),
      };
    },
  };
}

async function measureExport(system: RunningSystem, engine: TestEngine) {
  const day = dayOfResults();
  await insertRows(system, engine, day);
  const outDir = mkdtempSync(join(tmpdir(), 'core-export-bench-'));
  try {
    const started = process.hrtime.bigint();
    const result = await system.runCommand(
      'apps/core-cli/src/core-export.js',
      ['--out', outDir, '--url', system.gatewayUrl],
      { CORE_PASSWORD: DEMO_PASSWORD },
      EXPORT_TIMEOUT_MS,
    );
    const seconds = secondsSince(started);
    if (result.code !== 0) throw new Error(`core:export failed: ${result.stderr}`);
    const files = readdirSync(outDir);
    const exported = files.reduce((sum, file) => sum + readFileSync(join(outDir, file), 'utf8').trimEnd().split('\n').length - 1, 0);
    if (exported !== day.total) throw new Error(`exported ${exported} rows of ${day.total}`);
    return { visits: day.visits, total: day.total, files: files.length, seconds };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** The rows a day of field work leaves in the outbound tables, not yet acknowledged. */
function dayOfResults(): DayRows {
  const visits: Row[] = [];
  const payments: Row[] = [];
  const promises: Row[] = [];
  const photos: Row[] = [];
  const days: Row[] = [];
  const workDate = new Date().toISOString().slice(0, 10);
  const at = new Date().toISOString();
  let receipt = 0;
  for (let c = 0; c < COLLECTORS; c += 1) {
    const collectorId = randomUUID();
    const batchId = randomUUID();
    const username = `collector${c + 1}`;
    for (let v = 0; v < VISITS_PER_COLLECTOR; v += 1) {
      const visitId = randomUUID();
      const accountNo = String(100000000000 + c * VISITS_PER_COLLECTOR + v);
      visits.push([randomUUID(), visitId, batchId, workDate, collectorId, username, 'JKT01', accountNo, 'NOT_MET', at, -6.2, 106.8, 8, null, 1, at, at]);
      if (v % 4 === 0)
        payments.push([randomUUID(), visitId, `R${String(++receipt).padStart(8, '0')}`, 1_250_000, at, workDate, username, 'JKT01', accountNo, at]);
      if (v % 4 === 1) promises.push([randomUUID(), visitId, workDate, 500_000, workDate, username, 'JKT01', accountNo, at]);
      if (v % 4 !== 3) {
        const sha256 = randomBytes(32).toString('hex');
        photos.push([randomUUID(), visitId, sha256, 0, `/api/v1/media/${sha256}`, username, accountNo, at]);
      }
    }
    days.push([randomUUID(), batchId, workDate, collectorId, username, 'JKT01', at, at, 'close', 40, 40, 40, 10, 12_500_000, 10, 5_000_000, 30, at]);
  }
  const tables = [
    { name: 'core_out_visit', columns: OUTBOUND_VISIT_COLUMNS.core_out_visit, rows: visits },
    { name: 'core_out_payment', columns: OUTBOUND_VISIT_COLUMNS.core_out_payment, rows: payments },
    { name: 'core_out_promise', columns: OUTBOUND_VISIT_COLUMNS.core_out_promise, rows: promises },
    { name: 'core_out_photo', columns: OUTBOUND_VISIT_COLUMNS.core_out_photo, rows: photos },
    {
      name: 'core_out_collector_day',
      columns: [
        'id',
        'batch_id',
        'work_date',
        'collector_id',
        'collector_username',
        'branch_code',
        'opened_at',
        'closed_at',
        'closed_by',
        'assigned_accounts',
        'visit_count',
        'visited_accounts',
        'payment_count',
        'payment_amount',
        'promise_count',
        'promise_amount',
        'photo_count',
        'created_at',
      ],
      rows: days,
    },
  ];
  return { tables, visits: visits.length, total: tables.reduce((sum, t) => sum + t.rows.length, 0) };
}

/** Straight into the tables of the idle system, as a core job would; on SQLite, WAL lets this second connection write. */
async function insertRows(system: RunningSystem, engine: TestEngine, day: DayRows): Promise<void> {
  const { DB_TYPE, DB_URL } = system.env;
  const dataSource = new DataSource(dataSourceOptions(loadConfig({ DATA_DIR: system.dataDir, DB_TYPE, ...(DB_URL ? { DB_URL } : {}) })));
  await dataSource.initialize();
  // TypeORM keeps SQLite instants as UTC text without the zone letter.
  const instant = (value: Row[number]) =>
    engine === 'sqlite' && typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) ? value.replace('T', ' ').replace('Z', '') : value;
  const placeholder = (n: number) => (engine === 'sqlite' ? '?' : `$${n}`);
  try {
    await dataSource.transaction(async (manager) => {
      for (const { name, columns, rows } of day.tables) {
        for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
          const chunk = rows.slice(start, start + INSERT_CHUNK);
          const values = chunk.map((_, r) => `(${columns.map((__, c) => placeholder(r * columns.length + c + 1)).join(', ')})`);
          await manager.query(`INSERT INTO ${name} (${columns.join(', ')}) VALUES ${values.join(', ')}`, chunk.flat().map(instant));
        }
      }
    });
    // A day's rows reach the database file bit by bit; one bulk insert leaves them all in the write-ahead log instead.
    if (engine === 'sqlite') await dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await dataSource.destroy();
  }
}
