import { describe, expect, it } from '@jest/globals';
import type { AppName } from '#libs/contract';
import { testEngines } from '../support/test-database.js';
import { playCompanyDayOn, type CompanyDayOptions } from '../simulator/company-day.js';
import { CORE_OUTBOUND_CHECK } from '../simulator/core-outbound-check.js';

const INTERNAL_SERVICES: AppName[] = ['collector', 'database', 'media', 'ota'];

/** A small company's day, with a fifth of the answers lost, connections reset, slow phones, and each internal service killed once. */
const SMALL_DAY: CompanyDayOptions = {
  collectors: 20,
  visitsPerCollector: 10,
  photosPerVisit: 1,
  photoSize: [160, 120],
  faults: { drop: 0.2, reset: 0.02, slow: 0.1 },
  resetShare: 0.2,
  chaos: INTERNAL_SERVICES,
};

describe.each(testEngines())('a company day through faults on %s, five processes', (engine) => {
  it('ends with every visit, receipt, photo and batch on the server exactly once', async () => {
    const report = await playCompanyDayOn({ mode: 'split', engine }, SMALL_DAY);
    const { reconciliation: r } = report;

    expect(report.faults.droppedResponses).toBeGreaterThan(0);
    expect(report.kills.map((kill) => kill.service).sort()).toEqual([...INTERNAL_SERVICES].sort());
    expect(report.kills.every((kill) => kill.backAfterMs !== null)).toBe(true);
    expect(report.phonesFailed).toEqual({ count: 0, examples: [] });
    // Each failure names what every attempt got, so a failing run says why.
    expect(report.requests.failures).toEqual([]);
    expect(report.requests.failedAfterRetries).toBe(0);

    expect(r.visits.held).toBe(200);
    expect(r.visits.onServer).toBe(200);
    expect(r.visits.lost.count).toBe(0);
    expect(r.visits.doubled.count).toBe(0);
    expect(r.visits.contentDiffers).toEqual({ count: 0, examples: [] });
    expect(r.visits.refused).toEqual({ count: 0, examples: [] });
    expect(r.visits.unknownToPhones.count).toBe(0);
    expect(r.receipts.held).toBeGreaterThan(0);
    expect(r.receipts.lost.count + r.receipts.doubled.count).toBe(0);
    expect(r.photos.held).toBe(200);
    expect(r.photos.missing).toEqual({ count: 0, examples: [] });
    expect(r.photos.hashMismatch.count).toBe(0);
    expect(r.batches).toEqual({ collectors: 20, closed: 20, leftOpen: { count: 0, examples: [] } });
    expect(r.resets.discrepancies.count).toBe(0);
    expect(r.checks).toEqual({ [CORE_OUTBOUND_CHECK]: { count: 0, examples: [] } });
    expect(report.passed).toBe(true);
  }, 600_000);
});
