import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ProblemError } from '#libs/common';
import { BatchStore, MediaMessages, VisitStore, type PhotoSummary, type VisitView } from '#libs/contract';
import { COLLECTOR, SUPERVISOR, openDay } from '../../../../test/support/collection-days.js';
import { FakeMessageClient } from '../../../../test/support/fake-message-client.js';
import { problemOf } from '../../../../test/support/problems.js';
import { CollectionDayService } from '../day/collection-day.service.js';
import { MediaPhotoPresence } from '../photos/media-photo-presence.js';
import { BatchService } from './batch.service.js';

const hash = (n: number) => n.toString(16).padStart(64, '0');
const BATCH = openDay().batch;
const CLOSED = { ...BATCH, status: 'closed' as const, closedAt: '2026-11-28T10:00:00.000Z' };

function visit(id: string, overrides: Partial<VisitView> = {}): VisitView {
  return {
    id,
    assignmentId: `assignment-of-${id}`,
    resultCode: 'REFUSED',
    visitedAt: '2026-11-28T02:30:00.000Z',
    location: null,
    notes: null,
    payment: null,
    promise: null,
    photos: [],
    batchId: BATCH.id,
    receivedAt: '2026-11-28T02:31:00.000Z',
    ...overrides,
  };
}

/** A photo held by the media service, sent by these collectors. */
function photo(n: number, ...senders: string[]): PhotoSummary {
  return {
    sha256: hash(n),
    type: 'image/jpeg',
    size: 1000,
    width: 640,
    height: 480,
    takenAt: null,
    gps: null,
    uploaders: senders.map((userId) => ({ userId, branchId: 'branch-jkt' })),
    receivedAt: '2026-11-28T02:40:00.000Z',
  };
}

/** Paid 1.5 million with two photos (one arrived), promised 700 thousand with one photo another collector sent, refused with its photo in. */
const HELD = [
  visit('visit-paid', { resultCode: 'PAID', payment: { amount: 1_500_000, receiptNo: 'KWJ1-000001' }, photos: [hash(1), hash(2)] }),
  visit('visit-promise', { resultCode: 'PTP', promise: { date: '2026-11-30', amount: 700_000 }, photos: [hash(3)] }),
  visit('visit-refused', { photos: [hash(1)] }),
];
const PHONE_AGREES = { visitCount: 3, paidAmount: 1_500_000, promisedAmount: 700_000, visitIds: ['visit-refused', 'visit-paid', 'visit-promise'] };

describe('BatchService', () => {
  let messages: FakeMessageClient;
  let batches: BatchService;

  beforeAll(() => {
    // The closes and resets it logs are the subject of the assertions, not of the test output.
    Logger.overrideLogger(false);
  });

  beforeEach(() => {
    messages = new FakeMessageClient()
      .answer(BatchStore.findOpen, BATCH)
      .answer(VisitStore.ofBatch, { batch: BATCH, lastSyncAt: '2026-11-28T02:31:00.000Z', visits: HELD })
      .answer(MediaMessages.describe, ({ sha256s }) => ({
        photos: [photo(1, COLLECTOR.userId), photo(3, 'collector-2')].filter((p) => sha256s.includes(p.sha256)),
      }))
      .answer(BatchStore.close, CLOSED);
    batches = new BatchService(messages, new CollectionDayService(messages), new MediaPhotoPresence(messages));
  });

  it("sums the batch's money and tells which photos arrived from the collector, and which did not", async () => {
    const status = await batches.syncStatus(COLLECTOR);
    expect(status.totals).toEqual({ visitCount: 3, paidAmount: 1_500_000, promisedAmount: 700_000 });
    expect(status.visitIds).toEqual(['visit-paid', 'visit-promise', 'visit-refused']);
    expect(status.visits[0]).toEqual({
      id: 'visit-paid',
      assignmentId: 'assignment-of-visit-paid',
      resultCode: 'PAID',
      visitedAt: '2026-11-28T02:30:00.000Z',
      receivedAt: '2026-11-28T02:31:00.000Z',
      paidAmount: 1_500_000,
      promisedAmount: 0,
      photos: { expected: [hash(1), hash(2)], received: [hash(1)], missing: [hash(2)] },
    });
    expect(status.visits[1].photos).toEqual({ expected: [hash(3)], received: [], missing: [hash(3)] });
    expect(status).toMatchObject({
      batch: BATCH,
      lastSyncAt: '2026-11-28T02:31:00.000Z',
      incompleteVisits: ['visit-paid', 'visit-promise'],
      photosChecked: true,
    });
    expect(messages.requestsOf(MediaMessages.describe)).toEqual([{ sha256s: [hash(1), hash(2), hash(3)] }]);
  });

  it('still answers while the media service is down, every expected photo then missing and unchecked', async () => {
    messages.fail(MediaMessages.describe, ProblemError.unavailable('media', 'media is down'));
    const status = await batches.syncStatus(COLLECTOR);
    expect(status.photosChecked).toBe(false);
    expect(status.incompleteVisits).toEqual(['visit-paid', 'visit-promise', 'visit-refused']);
    expect(status.totals.visitCount).toBe(3);
  });

  it('closes the batch when the phone holds the same visits and totals, photos still missing or not', async () => {
    const reply = await batches.close(COLLECTOR, PHONE_AGREES);
    expect(reply).toEqual({
      status: 'closed',
      batch: CLOSED,
      totals: { visitCount: 3, paidAmount: 1_500_000, promisedAmount: 700_000 },
      missingOnServer: [],
      unknownToPhone: [],
      differences: [],
    });
    expect(messages.requestsOf(BatchStore.close)).toEqual([{ batchId: 'batch-1', expectedVisitCount: 3, actorId: 'collector-1', at: expect.any(String) }]);
  });

  it('refuses with 409 naming every difference, and closes nothing', async () => {
    const phone = { visitCount: 3, paidAmount: 1_000_000, promisedAmount: 700_000, visitIds: ['visit-paid', 'visit-promise', 'visit-lost'] };
    const refused = await problemOf(batches.close(COLLECTOR, phone));
    expect(refused.problem).toMatchObject({
      status: 409,
      code: 'batch-mismatch',
      detail:
        'The batch was not closed: 1 visit(s) on the phone are not on the server; sync them first; 1 visit(s) on the server are not on the phone; paidAmount: phone 1000000, server 1500000',
      missingOnServer: ['visit-lost'],
      unknownToPhone: ['visit-refused'],
      differences: [{ field: 'paidAmount', phone: 1_000_000, server: 1_500_000 }],
      totals: { visitCount: 3, paidAmount: 1_500_000, promisedAmount: 700_000 },
    });
    expect(messages.requestsOf(BatchStore.close)).toEqual([]);
  });

  it('resets the open batch of the wiped phone and shows what the server holds of it', async () => {
    messages.answer(BatchStore.reset, { batch: CLOSED, closed: true });
    const reply = await batches.reset(COLLECTOR);
    expect(messages.requestsOf(BatchStore.reset)).toEqual([{ collectorId: 'collector-1', deviceId: 'device-1', at: expect.any(String) }]);
    expect(reply.closedBatch).toBe(true);
    expect(reply.held?.totals).toEqual({ visitCount: 3, paidAmount: 1_500_000, promisedAmount: 700_000 });
    expect(messages.requestsOf(VisitStore.ofBatch)).toEqual([{ batchId: 'batch-1' }]);
  });

  it('resets a collector who never had a batch to nothing held', async () => {
    messages.answer(BatchStore.reset, { batch: null, closed: false });
    expect(await batches.reset(COLLECTOR)).toEqual({ closedBatch: false, held: null });
    expect(messages.requestsOf(VisitStore.ofBatch)).toEqual([]);
  });

  it('keeps supervisors out of close and reset', async () => {
    expect((await problemOf(batches.close(SUPERVISOR, PHONE_AGREES))).problem.status).toBe(403);
    expect((await problemOf(batches.reset(SUPERVISOR))).problem.status).toBe(403);
    expect(messages.sent).toEqual([]);
  });
});
