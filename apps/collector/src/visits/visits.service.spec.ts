import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ProblemError } from '#libs/common';
import { loadConfig } from '#libs/config';
import { VisitStore, type VisitSubmission } from '#libs/contract';
import { AT_WORK_MORNING, COLLECTOR_SESSION, SUPERVISOR_SESSION, WORK_MORNING } from '../../../../test/support/collection-days.js';
import { FakeMessageClient } from '../../../../test/support/fake-message-client.js';
import { problemOf } from '../../../../test/support/problems.js';
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

  beforeEach(() => {
    jest.useFakeTimers(AT_WORK_MORNING);
    messages = new FakeMessageClient().answer(VisitStore.upload, ({ visits: sent }) =>
      sent.map(({ content }) => ({ id: content.id, status: 'created' as const })),
    );
    visits = new VisitsService(messages, loadConfig({}));
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('sends the whole upload to the database in one message: canonical content, its hash, the clock and the rules settings', async () => {
    const first = refusedAtTheDoor({ photos: [PHOTO], notes: 'Tidak mau bayar' });
    const second = refusedAtTheDoor({ id: 'visit-2', assignmentId: 'assignment-9' });
    const outcomes = await visits.submit({ session: COLLECTOR_SESSION, visits: [first, second] });
    expect(outcomes).toEqual([
      { id: 'visit-1', status: 'created' },
      { id: 'visit-2', status: 'created' },
    ]);
    const content = toVisitContent(first);
    expect(content).toMatchObject({ visitedAt: '2026-11-28T02:30:00.000Z', photos: [PHOTO.toLowerCase()], location: null, payment: null });
    expect(messages.patterns).toEqual([VisitStore.upload.pattern]);
    const [sent] = messages.requestsOf(VisitStore.upload);
    expect(sent).toEqual({
      session: COLLECTOR_SESSION,
      settings: { now: WORK_MORNING.toISOString(), timeZone: 'Asia/Jakarta', promiseWindowDays: 7, clockSkewSeconds: 300 },
      visits: [
        { content, contentHash: contentHashOf(content) },
        { content: toVisitContent(second), contentHash: contentHashOf(toVisitContent(second)) },
      ],
    });
  });

  it("takes the rules' limits from the configuration", async () => {
    visits = new VisitsService(messages, loadConfig({ VISIT_CLOCK_SKEW_SECONDS: '0', PROMISE_WINDOW_DAYS: '3' }));
    await visits.submit({ session: COLLECTOR_SESSION, visits: [refusedAtTheDoor()] });
    expect(messages.requestsOf(VisitStore.upload)[0].settings).toMatchObject({ promiseWindowDays: 3, clockSkewSeconds: 0 });
  });

  it("answers the database's problem, such as no open batch, as it came", async () => {
    messages.fail(VisitStore.upload, ProblemError.conflict('no-open-batch', 'No batch is open for this collector'));
    expect((await problemOf(visits.submit({ session: COLLECTOR_SESSION, visits: [refusedAtTheDoor()] }))).problem.code).toBe('no-open-batch');
  });

  it('refuses anyone but a collector without asking the database', async () => {
    expect((await problemOf(visits.submit({ session: SUPERVISOR_SESSION, visits: [refusedAtTheDoor()] }))).problem.status).toBe(403);
    expect(messages.sent).toEqual([]);
  });
});
