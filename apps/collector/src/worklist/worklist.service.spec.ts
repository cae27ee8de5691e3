import { beforeEach, describe, expect, it } from '@jest/globals';
import { BatchStore, WorklistStore } from '#libs/contract';
import { COLLECTOR, COLLECTOR_SESSION, SUPERVISOR_SESSION, assignment, openDay } from '../../../../test/support/collection-days.js';
import { FakeMessageClient } from '../../../../test/support/fake-message-client.js';
import { problemOf } from '../../../../test/support/problems.js';
import { CollectionDayService } from '../day/collection-day.service.js';
import { WorklistService } from './worklist.service.js';

describe('WorklistService', () => {
  let messages: FakeMessageClient;
  let worklists: WorklistService;

  beforeEach(() => {
    messages = new FakeMessageClient();
    worklists = new WorklistService(new CollectionDayService(messages));
  });

  it("gives the open day's LKH without account ids, only active result codes and the active receipt range", async () => {
    messages.answer(WorklistStore.openDay, openDay());
    const worklist = await worklists.worklistOf(COLLECTOR_SESSION);
    expect(messages.requestsOf(WorklistStore.openDay)).toEqual([{ session: COLLECTOR_SESSION }]);
    expect(worklist).toEqual({
      workDate: '2026-11-28',
      batch: openDay().batch,
      assignments: [1, 2].map((n) => {
        const { accountId: _accountId, ...view } = assignment(n);
        return view;
      }),
      resultCodes: [
        { code: 'PAID', label: 'Paid', requires: { payment: true, promise: false, gps: true, minPhotos: 1 } },
        { code: 'REFUSED', label: 'Refused', requires: { payment: false, promise: false, gps: false, minPhotos: 0 } },
      ],
      receiptRange: { prefix: 'KWJ1', from: 1, to: 500 },
      syncToken: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(JSON.stringify(worklist)).not.toContain('account-');
  });

  it('answers no receipt range when none is active', async () => {
    messages.answer(WorklistStore.openDay, openDay({ receiptRanges: [{ prefix: 'KWJ0', from: 1, to: 100, active: false }] }));
    expect((await worklists.worklistOf(COLLECTOR_SESSION)).receiptRange).toBeNull();
  });

  it('keeps its sync token while nothing the phone sees changes, and changes it when anything does', async () => {
    messages.answer(WorklistStore.openDay, openDay());
    const first = (await worklists.worklistOf(COLLECTOR_SESSION)).syncToken;
    expect((await worklists.worklistOf(COLLECTOR_SESSION)).syncToken).toBe(first);

    messages.answer(WorklistStore.openDay, openDay({ assignments: [assignment(1), { ...assignment(2), accountId: 'account-moved' }] }));
    expect((await worklists.worklistOf(COLLECTOR_SESSION)).syncToken).toBe(first);

    messages.answer(WorklistStore.openDay, openDay({ assignments: [assignment(1), { ...assignment(2), amountDue: 1_500_000 }] }));
    const paidDown = (await worklists.worklistOf(COLLECTOR_SESSION)).syncToken;
    expect(paidDown).not.toBe(first);

    messages.answer(WorklistStore.openDay, openDay({ receiptRanges: [{ prefix: 'KWJ2', from: 1, to: 500, active: true }] }));
    expect(new Set([first, paidDown, (await worklists.worklistOf(COLLECTOR_SESSION)).syncToken]).size).toBe(3);
  });

  it('tells a collector without an open batch to log in again (409 no-open-batch)', async () => {
    messages.answer(WorklistStore.openDay, null);
    const refused = await problemOf(worklists.worklistOf(COLLECTOR_SESSION));
    expect(refused.problem).toMatchObject({ status: 409, code: 'no-open-batch' });
  });

  it('refuses anyone but a collector without asking the database', async () => {
    const refused = await problemOf(worklists.worklistOf(SUPERVISOR_SESSION));
    expect(refused.problem).toMatchObject({ status: 403, code: 'forbidden', detail: 'Only collectors have a collection day' });
    expect(messages.sent).toEqual([]);
  });
});

describe('CollectionDayService', () => {
  it("finds the collector's open batch, and refuses when there is none", async () => {
    const messages = new FakeMessageClient().answer(BatchStore.findOpen, openDay().batch);
    const days = new CollectionDayService(messages);
    expect(await days.requireOpenBatch(COLLECTOR)).toEqual(openDay().batch);
    expect(messages.requestsOf(BatchStore.findOpen)).toEqual([{ collectorId: 'collector-1' }]);
    messages.answer(BatchStore.findOpen, null);
    expect((await problemOf(days.requireOpenBatch(COLLECTOR))).problem.code).toBe('no-open-batch');
  });
});
