import { login } from '../support/demo-users.js';
import { browserMissing, openBrowser, signIn } from '../support/browser.js';
import type { RunningSystem } from '../support/system-harness.js';
import { allJavaScript, firstLoadJavaScript } from '../support/web-bundle.js';
import { table, withSystem, type Benchmark } from './bench-kit.js';

const COLLECTORS = 200;
const LOADS = 7;

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** JKT01 grows to COLLECTORS collectors (two are in the demo data), created through the admin API. */
async function addCollectors(system: RunningSystem): Promise<void> {
  const admin = await login(system, 'admin');
  const names = Array.from({ length: COLLECTORS - 2 }, (_, n) => `bench${String(n + 1).padStart(3, '0')}`);
  for (let start = 0; start < names.length; start += 8) {
    await Promise.all(
      names.slice(start, start + 8).map(async (username) => {
        const reply = await system.request('/api/v1/admin/users', {
          method: 'POST',
          token: admin.token,
          json: { username, fullName: `Kolektor ${username}`, role: 'collector', branchCode: 'JKT01', password: 'Bench-12345' },
        });
        if (reply.status !== 201) throw new Error(`creating ${username} answered ${reply.status}: ${reply.text}`);
      }),
    );
  }
}

/** Milliseconds from navigation start until the Today table is on screen (the page's own `today-rendered` mark), per load. */
async function todayLoadTimes(system: RunningSystem): Promise<number[]> {
  const browser = await openBrowser(system);
  try {
    const page = await browser.person();
    await signIn(page, 'supervisor1');
    const times: number[] = [];
    for (let n = 0; n < LOADS; n += 1) {
      await page.goto('/');
      await page.locator('table.progress tfoot').waitFor();
      const rows = await page.locator('table.progress tbody tr').count();
      if (rows !== COLLECTORS) throw new Error(`Today shows ${rows} rows, not ${COLLECTORS}`);
      times.push(await page.evaluate(() => Math.round(performance.getEntriesByName('today-rendered')[0].startTime)));
    }
    return times;
  } finally {
    await browser.close();
  }
}

export function webPageBenchmark(): Benchmark {
  return {
    name: 'web',
    async run() {
      const first = firstLoadJavaScript();
      const all = allJavaScript();
      const missing = browserMissing();
      const times = missing
        ? []
        : await withSystem({ mode: 'single' }, async (system) => {
            await addCollectors(system);
            return todayLoadTimes(system);
          });
      const sorted = [...times].sort((a, b) => a - b);
      return {
        title: 'Web page: first load and the Today screen',
        markdown: [
          'JavaScript of the built page (`npm run build:web`), each file compressed on its own as a server would send it.',
          '',
          table(
            ['what', 'files', 'raw KB', 'gzip KB', 'brotli KB'],
            [
              ['first load (entry and preloads)', first.files.length, kb(first.rawBytes), kb(first.gzipBytes), kb(first.brotliBytes)],
              ['all screens (map, admin loaded when opened)', all.files.length, kb(all.rawBytes), kb(all.gzipBytes), kb(all.brotliBytes)],
            ],
          ),
          '',
          missing
            ? `Today screen not measured: ${missing}.`
            : `Today screen of a supervisor with ${COLLECTORS} collectors, headless Chromium on the same machine as the one-process system: navigation start to the table on screen (the page's \`today-rendered\` mark), ${LOADS} loads after sign-in: median ${sorted[Math.floor(sorted.length / 2)]} ms, fastest ${sorted[0]} ms, slowest ${sorted.at(-1)} ms.`,
        ].join('\n'),
        summary: [
          { figure: 'Web page, first load, gzip KB', oneProcess: Math.round(first.gzipBytes / 102.4) / 10 },
          ...(missing ? [] : [{ figure: `Web Today screen, ${COLLECTORS} collectors, median ms`, oneProcess: sorted[Math.floor(sorted.length / 2)] }]),
        ],
      };
    },
  };
}
