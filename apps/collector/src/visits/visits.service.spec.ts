import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { loadConfig } from '#libs/config';
import { VisitStore, WorklistStore, type VisitOutcome, type VisitRecordRequest, type VisitSubmission } from '#libs/contract';
import { AT_WORK_MORNING, COLLECTOR_SESSION, WORK_MORNING, openDay } from '../../../../test/support/collection-days.js';
import { FakeMessageClient } from '../../../../test/support/fake-message-client.js';
import { problemOf } from '../../../../test/support/problems.js';
import { CollectionDayService } from '../day/collection-day.service.js';
import { contentHashOf, toVisitContent } from './visit-content.js';
import { VisitsService } from './visits.service.js';

const PHOTO = 'AB'.repeat(32);

/** A visit to the day's second account, sent with its time in Jakarta's offset. */
function refusedAtTheDoor(overrides: Partial<VisitSubmission> = {}): VisitSubmission {
  return { id: 'visit-1', assignmentId: 'assignment-2', resultCode: 'REFUSED', visitedAt: '2026-11-28T09:30:00+07:00', photos: [], ...overrides };
}

describe('VisitsService (collector)', () => {
  let messages: FakeMessageClient;
  let visits: VisitsService;

  /** The database's side: each visit with a filing is created, each without is rejected with its errors. */
  const recorded = (): VisitRecordRequest[] => messages.requestsOf(VisitStore.record).flatMap((request) => request.visits);

  beforeEach(() => {
    jest.useFakeTimers(AT_WORK_MORNING);
    messages = new FakeMessageClient()
      .answer(WorklistStore.openDay, openDay())
      .answer(VisitStore.record, ({ visits: sent }) =>
        sent.map((visit): VisitOutcome =>
          visit.filing ? { id: visit.content.id, status: 'created' } : { id: visit.content.id, status: 'rejected', errors: visit.errors },
        ),
      );
    visits = new VisitsService(messages, new CollectionDayService(messages), loadConfig({}));
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it("files an accepted visit under the open batch, the collector's branch and the assignment's account, in UTC", async () => {
    const submission = refusedAtTheDoor({ photos: [PHOTO], notes: 'Tidak mau bayar' });
    expect(await visits.submit({ session: COLLECTOR_SESSION, visits: [submission] })).toEqual([{ id: 'visit-1', status: 'created' }]);
    const content = toVisitContent(submission);
    expect(content).toMatchObject({ visitedAt: '2026-11-28T02:30:00.000Z', photos: [PHOTO.toLowerCase()], location: null, payment: null });
    expect(recorded()).toEqual([
      {
        collectorId: 'collector-1',
        content,
        contentHash: contentHashOf(content),
        filing: { batchId: 'batch-1', branchId: 'branch-jkt', accountId: 'account-2', workDate: '2026-11-28', receivedAt: WORK_MORNING.toISOString() },
        errors: [],
      },
    ]);
  });

  it('sends a visit that breaks the rules with its errors and no filing, beside the accepted ones, in one message', async () => {
    const tomorrow = refusedAtTheDoor({ id: 'visit-2', visitedAt: '2026-11-29T09:30:00+07:00' });
    const unknown = refusedAtTheDoor({ id: 'visit-3', assignmentId: 'assignment-9', resultCode: 'OLD' });
    const outcomes = await visits.submit({ session: COLLECTOR_SESSION, visits: [refusedAtTheDoor(), tomorrow, unknown] });
    expect(outcomes.map((outcome) => [outcome.id, outcome.status])).toEqual([
      ['visit-1', 'created'],
      ['visit-2', 'rejected'],
      ['visit-3', 'rejected'],
    ]);
    expect(messages.requestsOf(VisitStore.record)).toHaveLength(1);
    const [, future, stray] = recorded();
    expect(future).toMatchObject({ filing: null, errors: [{ field: 'visitedAt', code: 'visited-in-future' }] });
    expect(stray.filing).toBeNull();
    expect(stray.errors.map((issue) => `${issue.field}:${issue.code}`)).toEqual(['assignmentId:unknown-assignment', 'resultCode:unknown-result-code']);
  });

  it("takes the phone clock's allowed lead from the configuration", async () => {
    visits = new VisitsService(messages, new CollectionDayService(messages), loadConfig({ VISIT_CLOCK_SKEW_SECONDS: '0' }));
    await visits.submit({ session: COLLECTOR_SESSION, visits: [refusedAtTheDoor({ visitedAt: '2026-11-28T03:00:01.000Z' })] });
    expect(recorded()[0].errors.map((issue) => issue.code)).toEqual(['visited-in-future']);
  });

  it('stores nothing when no batch is open', async () => {
    messages.answer(WorklistStore.openDay, null);
    expect((await problemOf(visits.submit({ session: COLLECTOR_SESSION, visits: [refusedAtTheDoor()] }))).problem.code).toBe('no-open-batch');
    expect(messages.requestsOf(VisitStore.record)).toEqual([]);
  });
});
