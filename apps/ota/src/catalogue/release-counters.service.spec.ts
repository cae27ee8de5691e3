import { describe, expect, it } from '@jest/globals';
import type { ReleaseCounts, ReleaseCountsFlush } from '#libs/contract';
import type { MessageClient } from '#libs/transport';
import { ReleaseCounters } from './release-counters.service.js';

/** The database's side of `releases.add-counts`: each flush id is added once. */
class FakeCatalogue {
  readonly totals = new Map<string, { checks: number; downloads: number }>();
  readonly deliveries: ReleaseCountsFlush[] = [];
  private readonly seen = new Set<string>();
  /** The next deliveries whose answer is lost after they were written, as when the deadline passes on a slow commit. */
  answersToLose = 0;
  /** The next deliveries refused before anything is written. */
  refusals = 0;
  /** Holds every delivery until it settles, as a slow database would. */
  slow: Promise<void> = Promise.resolve();

  readonly client = {
    send: async (_message: unknown, flush: ReleaseCountsFlush) => {
      this.deliveries.push(structuredClone(flush));
      await this.slow;
      if (this.refusals > 0) {
        this.refusals -= 1;
        throw new Error('the database service is unavailable');
      }
      if (!this.seen.has(flush.flushId)) {
        this.seen.add(flush.flushId);
        flush.counts.forEach((counts) => this.add(counts));
      }
      if (this.answersToLose > 0) {
        this.answersToLose -= 1;
        throw new Error('Timeout has occurred');
      }
      return { updated: flush.counts.length };
    },
  } as unknown as MessageClient;

  private add(counts: ReleaseCounts): void {
    const total = this.totals.get(counts.releaseId) ?? { checks: 0, downloads: 0 };
    this.totals.set(counts.releaseId, { checks: total.checks + counts.checks, downloads: total.downloads + counts.downloads });
  }
}

function countsOf(counters: ReleaseCounters, release: string, checks: number, downloads: number): void {
  for (let n = 0; n < checks; n += 1) counters.countCheck(release);
  for (let n = 0; n < downloads; n += 1) counters.countDownload(release);
}

describe('ReleaseCounters', () => {
  it('writes the gathered counts in one batch', async () => {
    const catalogue = new FakeCatalogue();
    const counters = new ReleaseCounters(catalogue.client);
    countsOf(counters, 'r1', 2, 1);
    countsOf(counters, 'r2', 0, 3);
    await counters.flush();
    expect(Object.fromEntries(catalogue.totals)).toEqual({ r1: { checks: 2, downloads: 1 }, r2: { checks: 0, downloads: 3 } });
    expect(counters.unwritten('r1')).toEqual({ checks: 0, downloads: 0 });
  });

  it('does not count twice a batch that was written but whose answer timed out', async () => {
    const catalogue = new FakeCatalogue();
    const counters = new ReleaseCounters(catalogue.client);
    countsOf(counters, 'r1', 3, 2);
    catalogue.answersToLose = 1;
    await counters.flush();
    countsOf(counters, 'r1', 1, 1);
    await counters.flush();
    expect(catalogue.totals.get('r1')).toEqual({ checks: 4, downloads: 3 });
    expect(counters.unwritten('r1')).toEqual({ checks: 0, downloads: 0 });
  });

  it('sends a refused batch again unchanged, and keeps showing its counts until then', async () => {
    const catalogue = new FakeCatalogue();
    const counters = new ReleaseCounters(catalogue.client);
    countsOf(counters, 'r1', 1, 2);
    catalogue.refusals = 2;
    await counters.flush();
    countsOf(counters, 'r1', 1, 0);
    await counters.flush();
    expect(counters.unwritten('r1')).toEqual({ checks: 2, downloads: 2 });
    await counters.flush();
    expect(catalogue.totals.get('r1')).toEqual({ checks: 2, downloads: 2 });
    const [first, retried] = catalogue.deliveries;
    expect(retried).toEqual(first);
  });

  it('confirms each batch once when flushes overlap', async () => {
    const catalogue = new FakeCatalogue();
    const counters = new ReleaseCounters(catalogue.client);
    let answer = () => {};
    catalogue.slow = new Promise((resolve) => (answer = resolve));
    countsOf(counters, 'r1', 1, 1);
    const first = counters.flush();
    await new Promise((resolve) => setImmediate(resolve));
    countsOf(counters, 'r1', 1, 0);
    const second = counters.flush();
    answer();
    await Promise.all([first, second]);
    expect(catalogue.totals.get('r1')).toEqual({ checks: 2, downloads: 1 });
    expect(catalogue.deliveries.map((flush) => flush.counts)).toEqual([
      [{ releaseId: 'r1', checks: 1, downloads: 1 }],
      [{ releaseId: 'r1', checks: 1, downloads: 0 }],
    ]);
  });
});
