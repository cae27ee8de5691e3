import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AdminApiError } from './admin-api/admin-api.client.js';
import { loginAsAdmin } from './admin-api/admin-login.js';
import { exportProgress } from './export/export-progress.js';
import { exportOutbound } from './export/outbound-exporter.js';

const USAGE =
  'usage: npm run core:export -- --out <dir> [--url https://localhost:7443] [--username admin] [--page-size 20000] [--insecure]\n' +
  'The password is read from CORE_PASSWORD, or asked on a terminal.';

/** The most rows the API hands out in one file: the fewer acknowledgements, the less the database rewrites. */
const MAX_PAGE_SIZE = 20_000;

/**
 * `npm run core:export`: writes the outbound rows not yet acknowledged as CSV
 * files in `--out` and acknowledges them once written, through the running
 * system's admin API. Exit 0 when done, 1 on a refusal or failure, 64 on bad usage.
 */
async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        out: { type: 'string' },
        url: { type: 'string', default: 'https://localhost:7443' },
        username: { type: 'string', default: 'admin' },
        'page-size': { type: 'string', default: String(MAX_PAGE_SIZE) },
        insecure: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    return fail(64, `${(error as Error).message}\n${USAGE}`);
  }
  const pageSize = Number(values['page-size']);
  if (!values.out || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) return fail(64, USAGE);

  const outDir = resolve(values.out);
  await mkdir(outDir, { recursive: true });
  const api = await loginAsAdmin({ url: values.url, username: values.username, insecure: values.insecure });
  try {
    const tables = await exportOutbound(api, { outDir, pageSize, progress: exportProgress(), startedAt: new Date() });
    process.stdout.write(`${JSON.stringify({ outDir, tables }, null, 2)}\n`);
    return 0;
  } finally {
    api.close();
  }
}

function fail(code: number, message: string): number {
  process.stderr.write(`${message}\n`);
  return code;
}

try {
  process.exitCode = await main();
} catch (error) {
  const reason = error instanceof AdminApiError ? `the system refused (${error.status}): ${error.body}` : (error as Error).message;
  process.exitCode = fail(1, `core:export failed: ${reason}`);
}
