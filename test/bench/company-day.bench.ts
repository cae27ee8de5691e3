import { loadavg } from 'node:os';
import { APP_NAMES } from '#libs/contract';
import { coreOutboundCheck } from '../simulator/core-outbound-check.js';
import { dayEnvironment, dayStartTimeoutMs, dayTargetOf, playCompanyDay, type CompanyDayOptions, type CompanyDayReport } from '../simulator/company-day.js';
import { renderDayReport } from '../simulator/day-report.js';
import { table, withSystem, type Benchmark } from './bench-kit.js';
import { AppCpuMeter } from './process-cpu.js';

/** A company of 2,000 collectors with 40 visits each and a photo per visit, through a network that drops 5 % of answers, with every service killed once. */
const COMPANY_DAY: CompanyDayOptions = {
  collectors: 2000,
  visitsPerCollector: 40,
  photosPerVisit: 1,
  photoSize: [320, 240],
  faults: { drop: 0.05, reset: 0.01, slow: 0.05 },
  resetShare: 0.05,
  chaos: [...APP_NAMES],
};
const GOAL_SECONDS = 600;

export function companyDayBenchmark(): Benchmark {
  return {
    name: 'company-day',
    async run() {
      const load = loadavg()[0];
      const { report, cpu, simulatorCpu } = await withSystem(
        { mode: 'split', env: dayEnvironment(COMPANY_DAY), startTimeoutMs: dayStartTimeoutMs(COMPANY_DAY) },
        async (system) => {
          const meter = new AppCpuMeter(system);
          const usage = process.cpuUsage();
          const started = performance.now();
          meter.start();
          const report = await playCompanyDay(COMPANY_DAY, dayTargetOf(system), {}, [coreOutboundCheck()]);
          const seconds = (performance.now() - started) / 1000;
          const used = process.cpuUsage(usage);
          return { report, cpu: meter.stop(), simulatorCpu: (used.user + used.system) / 1e6 / seconds };
        },
      );
      process.stdout.write(renderDayReport(report));
      return companyDaySection(report, cpu, simulatorCpu, load);
    },
  };
}

function companyDaySection(report: CompanyDayReport, cpu: Record<string, number>, simulatorCpu: number, load: number) {
  const r = report.reconciliation;
  const o = report.options;
  const met = report.daySeconds < GOAL_SECONDS && report.passed;
  const cores = (share: number) => `${Math.round(share * 100)} %`;
  return {
    title: 'A company day: 2,000 collectors through faults',
    markdown: [
      `\`npm run simulate\` at full size in five processes on SQLite: ${o.collectors} virtual phones at once, ${o.visitsPerCollector} visits each (every result kind in turn, with payments, receipts and promises) and ${o.photosPerVisit} ${o.photoSize.join('x')} JPEG per visit, ` +
        `each phone with its own offline queue, syncing after about a third of its visits, retrying with exponential backoff and full jitter; ${Math.round(o.resetShare * 100)} % of them reset local data mid-day and log in again. ` +
        `Through a TCP proxy that drops ${o.faults.drop * 100} % of responses after the server acted, resets ${o.faults.reset * 100} % of requests and puts ${o.faults.slow * 100} % of connections on a slow network; ` +
        `each of the five services killed once (SIGKILL) at a random moment and restarted by the launcher. The machine's one-minute load average was ${load.toFixed(1)} when the run began.`,
      '',
      table(
        ['figure', 'value'],
        [
          ['day, first login to last close', `${report.daySeconds} s (goal: under ${GOAL_SECONDS} s)`],
          ['visits confirmed', `${report.visitsConfirmed} (${Math.round(report.visitsConfirmed / report.daySeconds)}/s)`],
          ['requests, retries, failed after retries', `${report.requests.attempts}, ${report.requests.retries}, ${report.requests.failedAfterRetries}`],
          ...report.requests.failures.map((failure) => ['failed after retries', failure]),
          [
            'responses dropped, requests reset, slow connections',
            `${report.faults.droppedResponses}, ${report.faults.resetRequests}, ${report.faults.slowConnections} of ${report.faults.connections}`,
          ],
          ...report.kills.map((kill) => [
            `${kill.service} killed`,
            `at ${kill.atSecond} s, ready again after ${kill.backAfterMs === null ? 'never' : `${(kill.backAfterMs / 1000).toFixed(1)} s`}`,
          ]),
          ['visits lost, doubled, altered', `${r.visits.lost.count}, ${r.visits.doubled.count}, ${r.visits.contentDiffers.count} of ${r.visits.held}`],
          ['receipts lost, doubled', `${r.receipts.lost.count}, ${r.receipts.doubled.count} of ${r.receipts.held}`],
          ['photos missing, not matching their hash', `${r.photos.missing.count}, ${r.photos.hashMismatch.count} of ${r.photos.held}`],
          ['batches left open', `${r.batches.leftOpen.count} of ${r.batches.collectors}`],
          ['phones stopped by an unexpected answer', String(report.phonesFailed.count)],
          ['reconciliation (every visit listed, every photo downloaded and hashed)', `${report.reconciliationSeconds} s`],
          [
            'CPU during the day, share of one core',
            [...Object.entries(cpu).map(([app, share]) => `${app} ${cores(share)}`), `simulator ${cores(simulatorCpu)}`].join(', '),
          ],
          ['goal: under 10 minutes, zero lost, zero doubled, zero requests failed after retries', met ? 'met' : 'not met'],
        ],
      ),
      '',
      table(
        ['endpoint', 'attempts', 'retries', 'failed', 'p50 ms', 'p95 ms', 'p99 ms'],
        report.endpoints.map((e) => [e.endpoint, e.attempts, e.retries, e.failed, e.p50Ms, e.p95Ms, e.p99Ms]),
      ),
      '',
      `Errors the phones saw (each then retried): ${
        Object.entries(report.errorsByKind)
          .map(([kind, count]) => `${kind} ${count}`)
          .join(', ') || 'none'
      }.`,
    ].join('\n'),
    summary: [
      {
        figure: 'Company day, 2,000 x 40 visits with photos, seconds',
        fiveProcesses: report.daySeconds,
        goal: 'under 600 s, zero lost, zero doubled, zero failed after retries',
        met,
      },
    ],
  };
}
