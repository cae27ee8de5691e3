import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { CORE_FILE_TABLES, coreTableOfFile, type CoreFileTable } from '#libs/core-files';
import { AdminClient, ApiRefusal } from './admin-client.js';
import { progressOf } from './progress.js';

const USAGE =
  'usage: npm run core:import -- <collectors.csv> <accounts.csv> <assignments.csv> --date YYYY-MM-DD ' +
  '[--url https://localhost:7443] [--username admin] [--insecure]   (password from CORE_PASSWORD or a prompt)';

interface CoreLoad {
  id: string;
  status: string;
  badRows: number | null;
  worklistsChanged: number | null;
  message: string | null;
}

/** The content hash of a load sent as files: SHA-256 over each file's table name and bytes, in table order. */
async function contentHashOf(files: Map<CoreFileTable, string>): Promise<string> {
  const hash = createHash('sha256');
  for (const table of CORE_FILE_TABLES) {
    const path = files.get(table);
    if (!path) continue;
    hash.update(`${table}\n`);
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

async function passwordFromUser(): Promise<string> {
  if (process.env.CORE_PASSWORD) return process.env.CORE_PASSWORD;
  const prompt = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return await prompt.question('admin password: ');
  } finally {
    prompt.close();
  }
}

/**
 * `npm run core:import`: sends inbound CSV files as one load through the
 * admin REST API of a running system (one process or five), waits for the
 * bridge to settle it and prints the outcome. A load whose content an applied
 * load already had is recognised by its hash before anything is sent.
 * Exit codes: 0 applied (or already applied), 1 held or failed, 64 bad usage.
 */
async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: { date: { type: 'string' }, url: { type: 'string' }, username: { type: 'string' }, insecure: { type: 'boolean' } },
    });
  } catch (error) {
    return fail(64, `${(error as Error).message}\n${USAGE}`);
  }
  const files = new Map<CoreFileTable, string>();
  for (const path of args.positionals) {
    const table = coreTableOfFile(path);
    if (!table || files.has(table)) return fail(64, `${path}: expected one each of collectors.csv, accounts.csv, assignments.csv\n${USAGE}`);
    files.set(table, path);
  }
  const workDate = args.values.date;
  if (files.size === 0 || !workDate || !/^\d{4}-\d{2}-\d{2}$/.test(workDate)) return fail(64, USAGE);

  const client = new AdminClient({
    url: args.values.url ?? 'https://localhost:7443',
    insecure: args.values.insecure ?? false,
    dataDir: process.env.DATA_DIR ?? './data',
  });
  try {
    await client.login(args.values.username ?? 'admin', await passwordFromUser());
    const contentHash = await contentHashOf(files);
    const load = await client.call<CoreLoad>('POST', '/api/v1/core/loads', { json: { workDate, contentHash } });
    if (load.status !== 'loading') {
      process.stdout.write(`${JSON.stringify({ ...load, note: 'the same files were applied before: nothing sent' }, null, 2)}\n`);
      return 0;
    }
    for (const table of CORE_FILE_TABLES) {
      const path = files.get(table);
      if (path) await upload(client, load.id, table, path);
    }
    await client.call('POST', `/api/v1/core/loads/${load.id}/ready`);
    const settled = await settle(client, load.id);
    process.stdout.write(`${JSON.stringify(settled, null, 2)}\n`);
    if (settled.status === 'applied' || settled.status === 'duplicate') return 0;
    process.stderr.write(`row errors: GET /api/v1/core/loads/${load.id}/errors.csv\n`);
    return 1;
  } catch (error) {
    if (error instanceof ApiRefusal) return fail(1, `refused: ${error.message}`);
    throw error;
  } finally {
    await client.close();
  }
}

async function upload(client: AdminClient, loadId: string, table: CoreFileTable, path: string): Promise<void> {
  const progress = progressOf(`${table} rows`, statSync(path).size, 'bytes');
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      progress.advance(chunk.length);
      done(null, chunk);
    },
  });
  try {
    await client.call('PUT', `/api/v1/core/loads/${loadId}/rows/${table}`, { body: createReadStream(path).pipe(counted), type: 'text/csv' });
  } finally {
    progress.done();
  }
}

/** Asks until the bridge has settled the load. On SQLite a big apply holds the one connection, so a 503 meanwhile means: ask again. */
async function settle(client: AdminClient, loadId: string): Promise<CoreLoad> {
  for (;;) {
    try {
      const load = await client.call<CoreLoad>('GET', `/api/v1/core/loads/${loadId}`);
      if (load.status !== 'loading' && load.status !== 'ready') return load;
    } catch (error) {
      if (!(error instanceof ApiRefusal) || error.status !== 503) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function fail(code: number, message: string): number {
  process.stderr.write(`${message}\n`);
  return code;
}

process.exitCode = await main();
