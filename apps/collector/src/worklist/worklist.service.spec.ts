import { beforeEach, describe, expect, it } from '@jest/globals';
import { BatchStore, WorklistStore } from '#libs/contract';
import { COLLECTOR, COLLECTOR_SESSION, SUPERVISOR_SESSION, openDay } from '../../../../test/support/collection-days.js';
import { FakeMessageClient } from '../../../../test/support/fake-message-client.js';
import { problemOf } from '../../../../test/support/problems.js';
import { CollectionDayService } from '../day/collection-day.service.js';
import { WorklistService } from './worklist.service.js';

describe('WorklistService', () => {
  let messages: FakeMessageClient;
  let worklists: WorklistService;

  beforeEach(() => {
    messages = new FakeMessageClient();
    worklists = new WorklistService(messages);
  });

  it("passes the open batch's stored LKH on as the database answers it, body bytes and tag untouched", async () => {
    const stored = { etag: '"tag-1"', body: Buffer.from('{"workDate":"2026-11-28"}') };
    messages.answer(WorklistStore.findDocument, stored);
    const request = { session: COLLECTOR_SESSION, heldEtags: ['"tag-0"'] };
    expect(await worklists.worklistOf(request)).toEqual(stored);
    expect(messages.requestsOf(WorklistStore.findDocument)).toEqual([request]);
  });

  it('passes on an answer without a body when the phone holds the tag', async () => {
    messages.answer(WorklistStore.findDocument, { etag: '"tag-1"', body: null });
    expect(await worklists.worklistOf({ session: COLLECTOR_SESSION, heldEtags: ['"tag-1"'] })).toEqual({ etag: '"tag-1"', body: null });
  });

  it('tells a collector without an open batch to log in again (409 no-open-batch)', async () => {
    messages.answer(WorklistStore.findDocument, null);
    const refused = await problemOf(worklists.worklistOf({ session: COLLECTOR_SESSION, heldEtags: [] }));
    expect(refused.problem).toMatchObject({ status: 409, code: 'no-open-batch' });
  });

  it('refuses anyone but a collector without asking the database', async () => {
    const refused = await problemOf(worklists.worklistOf({ session: SUPERVISOR_SESSION, heldEtags: [] }));
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
