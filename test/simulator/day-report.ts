import Table from 'cli-table3';
import type { CompanyDayReport } from './company-day.js';
import type { Tally } from './reconciliation.js';

/** No colours: the report also goes to files and CI logs. */
const PLAIN = { head: [], border: [] };

/** The report as a person reads it at the end of a run: figures, then the reconciliation's verdict. */
export function renderDayReport(report: CompanyDayReport): string {
  const { options, reconciliation: r } = report;
  const summary = new Table({ head: ['the day', ''], style: PLAIN });
  summary.push(
    ['collectors x visits x photos', `${options.collectors} x ${options.visitsPerCollector} x ${options.photosPerVisit} (${options.photoSize.join('x')} JPEG)`],
    ['faults', `drop ${options.faults.drop}, reset ${options.faults.reset}, slow ${options.faults.slow}; kills: ${options.chaos.join(', ') || 'none'}`],
    ['day (first login to last close)', `${report.daySeconds} s`],
    ['visits confirmed', `${report.visitsConfirmed} (${Math.round(report.visitsConfirmed / Math.max(report.daySeconds, 0.1))}/s)`],
    ['requests, retries, failed after retries', `${report.requests.attempts}, ${report.requests.retries}, ${report.requests.failedAfterRetries}`],
    [
      'responses dropped, requests reset, slow connections',
      `${report.faults.droppedResponses}, ${report.faults.resetRequests}, ${report.faults.slowConnections} of ${report.faults.connections}`,
    ],
    ...report.requests.failures.map((failure) => ['failed after retries', failure]),
    ...report.kills.map((kill) => [
      `killed ${kill.service}`,
      `at ${kill.atSecond} s (${Math.round(kill.atProgress * 100)} % of visits), ready again after ${kill.backAfterMs === null ? 'never' : `${kill.backAfterMs} ms`}`,
    ]),
    ...Object.entries(report.counters).map(([name, count]) => [name, String(count)]),
  );

  const endpoints = new Table({ head: ['endpoint', 'attempts', 'retries', 'failed', 'p50 ms', 'p95 ms', 'p99 ms'], style: PLAIN });
  for (const e of report.endpoints) endpoints.push([e.endpoint, e.attempts, e.retries, e.failed, e.p50Ms, e.p95Ms, e.p99Ms]);

  const errors = new Table({ head: ['error seen by phones', 'count'], style: PLAIN });
  for (const [kind, count] of Object.entries(report.errorsByKind).sort(([, a], [, b]) => b - a)) errors.push([kind, count]);

  const reconciliation = new Table({ head: ['reconciliation', 'held by phones', 'problems', 'examples'], style: PLAIN });
  const line = (name: string, held: number | string, tally: Tally) => reconciliation.push([name, held, tally.count, tally.examples.slice(0, 3).join('\n')]);
  line('visits lost', r.visits.held, r.visits.lost);
  line('visits doubled', r.visits.held, r.visits.doubled);
  line('visits with other content', r.visits.held, r.visits.contentDiffers);
  line('visits refused', r.visits.held, r.visits.refused);
  line('visits on the server no phone made', `${r.visits.onServer} on server`, r.visits.unknownToPhones);
  line('receipts lost', r.receipts.held, r.receipts.lost);
  line('receipts doubled', r.receipts.held, r.receipts.doubled);
  line('photos missing', r.photos.held, r.photos.missing);
  line('photos not matching their hash', r.photos.held, r.photos.hashMismatch);
  line('batches left open', r.batches.collectors, r.batches.leftOpen);
  line('resets whose reply differed', r.resets.count, r.resets.discrepancies);
  for (const [name, tally] of Object.entries(r.checks)) line(name, '', tally);
  line('phones stopped by an unexpected answer', options.collectors, report.phonesFailed);

  const verdict = report.passed ? 'PASSED: nothing lost, nothing doubled, every photo and batch accounted for' : 'FAILED: see the problems above';
  return [summary.toString(), endpoints.toString(), errors.toString(), reconciliation.toString(), verdict, ''].join('\n');
}
