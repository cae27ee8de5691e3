import { afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ProblemError } from '#libs/common';
import { loadConfig } from '#libs/config';
import {
  BranchStore,
  MediaMessages,
  MonitoringStore,
  UserStore,
  type PhotoSummary,
  type StoredProgress,
  type StoredVisitSummary,
  type UserRecord,
} from '#libs/contract';
import { ADMIN, AT_WORK_MORNING, COLLECTOR, SUPERVISOR } from '../../../../test/support/collection-days.js';
import { FakeMessageClient } from '../../../../test/support/fake-message-client.js';
import { problemOf } from '../../../../test/support/problems.js';
import { MediaPhotoPresence } from '../photos/media-photo-presence.js';
import { MonitoringScope } from './monitoring-scope.js';
import { MonitoringService } from './monitoring.service.js';

const hash = (n: number) => n.toString(16).padStart(64, '0');
const JAKARTA = { id: 'branch-jkt', code: 'JKT01', name: 'Jakarta' };
const BANDUNG = { id: 'branch-bdg', code: 'BDG01', name: 'Bandung' };

function progressOf(collectorId: string): StoredProgress {
  return {
    collector: { id: collectorId, username: collectorId, fullName: collectorId, active: true },
    branchCode: 'JKT01',
    assigned: 25,
    visited: 2,
    visits: 2,
    paidAmount: 1_500_000,
    promisedAmount: 0,
    visitsByResult: { PAID: 1, REFUSED: 1 },
    lastSyncAt: '2026-11-28T02:31:00.000Z',
    lastPosition: null,
  };
}

function listed(id: string, photoHashes: string[]): StoredVisitSummary {
  return {
    id,
    workDate: '2026-11-28',
    visitedAt: '2026-11-28T02:30:00.000Z',
    receivedAt: '2026-11-28T02:31:00.000Z',
    resultCode: 'REFUSED',
    branchCode: 'JKT01',
    collector: { id: COLLECTOR.userId, username: 'collector1', fullName: 'Ani' },
    account: { id: 'account-1', contractNo: '101234567891', debtorName: 'Budi' },
    payment: null,
    promise: null,
    location: null,
    notes: null,
    photosExpected: photoHashes.length,
    photoHashes,
  };
}

function photo(n: number, senderId: string): PhotoSummary {
  return {
    sha256: hash(n),
    type: 'image/jpeg',
    size: 1000,
    width: 640,
    height: 480,
    takenAt: null,
    gps: null,
    uploaders: [{ userId: senderId, branchId: JAKARTA.id }],
    receivedAt: '2026-11-28T02:40:00.000Z',
  };
}

const collectorRecord = (overrides: Partial<UserRecord> = {}): UserRecord => ({
  id: COLLECTOR.userId,
  username: 'collector1',
  fullName: 'Ani',
  passwordHash: 'scrypt$unused',
  role: 'collector',
  branchId: JAKARTA.id,
  branchCode: JAKARTA.code,
  active: true,
  ...overrides,
});

describe('MonitoringService', () => {
  let messages: FakeMessageClient;
  let monitoring: MonitoringService;

  beforeAll(() => {
    // The media outage the tests cause is logged; the answers are what they check.
    Logger.overrideLogger(false);
  });

  beforeEach(() => {
    jest.useFakeTimers(AT_WORK_MORNING);
    messages = new FakeMessageClient()
      .answer(BranchStore.findByCode, ({ code }) => [JAKARTA, BANDUNG].find((branch) => branch.code === code) ?? null)
      .answer(MediaMessages.describe, ({ sha256s }) => ({
        photos: [photo(1, COLLECTOR.userId), photo(2, 'collector-2')].filter((p) => sha256s.includes(p.sha256)),
      }));
    monitoring = new MonitoringService(messages, new MonitoringScope(messages), new MediaPhotoPresence(messages), loadConfig({}));
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  describe('progress', () => {
    beforeEach(() => {
      messages.answer(MonitoringStore.progress, [progressOf(COLLECTOR.userId), progressOf('collector-2')]).answer(MonitoringStore.expectedPhotos, [
        { visitId: 'v1', collectorId: COLLECTOR.userId, sha256s: [hash(1), hash(2)] },
        { visitId: 'v2', collectorId: COLLECTOR.userId, sha256s: [hash(1)] },
        { visitId: 'v3', collectorId: 'collector-2', sha256s: [hash(2)] },
      ]);
    });

    it("reads today's progress in Jakarta of the supervisor's own branch, counting each collector's visits still missing photos", async () => {
      const reply = await monitoring.progress({ actor: SUPERVISOR });
      expect(messages.requestsOf(MonitoringStore.progress)).toEqual([{ branchId: 'branch-jkt', workDate: '2026-11-28' }]);
      expect(messages.requestsOf(MonitoringStore.expectedPhotos)).toEqual([{ branchId: 'branch-jkt', from: '2026-11-28', to: '2026-11-28' }]);
      expect(reply.workDate).toBe('2026-11-28');
      expect(reply.collectors.map((row) => [row.collector.id, row.visitsMissingPhotos])).toEqual([
        ['collector-1', 1],
        ['collector-2', 0],
      ]);
    });

    it('gives an admin every branch, or the branch named, and no photo counts while media is down', async () => {
      await monitoring.progress({ actor: ADMIN, date: '2026-11-27' });
      await monitoring.progress({ actor: ADMIN, branchCode: 'BDG01' });
      expect(messages.requestsOf(MonitoringStore.progress)).toEqual([
        { branchId: null, workDate: '2026-11-27' },
        { branchId: 'branch-bdg', workDate: '2026-11-28' },
      ]);
      messages.fail(MediaMessages.describe, ProblemError.unavailable('media', 'media is down'));
      expect((await monitoring.progress({ actor: ADMIN })).collectors.map((row) => row.visitsMissingPhotos)).toEqual([null, null]);
    });
  });

  describe('scope', () => {
    it('refuses a supervisor another branch (403) and an admin an unknown one (404), reading nothing', async () => {
      expect((await problemOf(monitoring.progress({ actor: SUPERVISOR, branchCode: 'BDG01' }))).problem).toMatchObject({
        status: 403,
        detail: 'A supervisor sees only their own branch',
      });
      expect((await problemOf(monitoring.progress({ actor: ADMIN, branchCode: 'XXX01' }))).problem).toMatchObject({ status: 404, detail: 'No branch XXX01' });
      expect((await problemOf(monitoring.progress({ actor: COLLECTOR }))).problem).toMatchObject({
        status: 403,
        detail: 'Monitoring is for supervisors and admins',
      });
      expect(messages.requestsOf(MonitoringStore.progress)).toEqual([]);
    });

    it('reads a collector of another branch, or anyone but a collector, as absent (404)', async () => {
      const visitsOf = (collectorId: string) => monitoring.visits({ actor: SUPERVISOR, collectorId, limit: 50, offset: 0 });
      messages.answer(UserStore.findById, collectorRecord({ branchId: BANDUNG.id }));
      expect((await problemOf(visitsOf(COLLECTOR.userId))).problem).toMatchObject({ status: 404, detail: 'No collector collector-1 in your scope' });
      messages.answer(UserStore.findById, collectorRecord({ role: 'supervisor' }));
      expect((await problemOf(visitsOf(COLLECTOR.userId))).problem.status).toBe(404);
      expect(messages.requestsOf(MonitoringStore.visits)).toEqual([]);
    });
  });

  describe('visits', () => {
    it('lists a page of visits with how many photos each still waits for from its own collector', async () => {
      messages.answer(UserStore.findById, collectorRecord());
      messages.answer(MonitoringStore.visits, { items: [listed('v1', [hash(1), hash(2)]), listed('v2', [])], total: 2, limit: 50, offset: 0 });
      const page = await monitoring.visits({ actor: SUPERVISOR, collectorId: COLLECTOR.userId, from: '2026-11-20', limit: 50, offset: 0 });
      expect(messages.requestsOf(MonitoringStore.visits)).toEqual([
        { branchId: 'branch-jkt', from: '2026-11-20', to: '2026-11-28', collectorId: 'collector-1', resultCode: undefined, limit: 50, offset: 0 },
      ]);
      expect(page.items.map((visit) => [visit.id, visit.photosMissing])).toEqual([
        ['v1', 1],
        ['v2', 0],
      ]);
      expect(page.items[0]).not.toHaveProperty('photoHashes');
    });

    it('pages the visits still missing photos itself, reading in full only the page asked for', async () => {
      messages.answer(MonitoringStore.expectedPhotos, [
        { visitId: 'v1', collectorId: COLLECTOR.userId, sha256s: [hash(2)] },
        { visitId: 'v2', collectorId: COLLECTOR.userId, sha256s: [hash(1)] },
        { visitId: 'v3', collectorId: COLLECTOR.userId, sha256s: [hash(3)] },
        { visitId: 'v4', collectorId: COLLECTOR.userId, sha256s: [hash(4)] },
      ]);
      messages.answer(MonitoringStore.visits, ({ visitIds }) => ({
        items: (visitIds ?? []).map((id) => listed(id, [hash(3)])),
        total: 1,
        limit: 1,
        offset: 0,
      }));
      const page = await monitoring.visits({ actor: ADMIN, incompletePhotos: true, limit: 1, offset: 1 });
      expect(page).toMatchObject({ total: 3, limit: 1, offset: 1 });
      expect(page.items.map((visit) => [visit.id, visit.photosMissing])).toEqual([['v3', 1]]);
      expect(messages.requestsOf(MonitoringStore.visits)).toEqual([expect.objectContaining({ visitIds: ['v3'], limit: 1, offset: 0 })]);
    });

    it('refuses the missing-photos filter with 503 while media is down, rather than guess', async () => {
      messages.answer(MonitoringStore.expectedPhotos, [{ visitId: 'v1', collectorId: COLLECTOR.userId, sha256s: [hash(1)] }]);
      messages.fail(MediaMessages.describe, ProblemError.unavailable('media', 'media is down'));
      expect((await problemOf(monitoring.visits({ actor: ADMIN, incompletePhotos: true, limit: 50, offset: 0 }))).problem).toMatchObject({
        status: 503,
        service: 'media',
      });
    });

    it.each([
      [{ from: '2026-11-20', to: '2026-11-19' }, 'to must not precede from'],
      [{ from: '2026-08-28', to: '2026-11-28' }, 'a range spans at most 92 days'],
    ])('refuses the range %j: %s', async (range, message) => {
      const refused = await problemOf(monitoring.visits({ actor: ADMIN, ...range, limit: 50, offset: 0 }));
      expect(refused.problem).toMatchObject({ status: 400, errors: [{ field: 'to', message }] });
    });

    it('takes a range of 92 days, and a lone date in the future as a range starting today', async () => {
      messages.answer(MonitoringStore.promisesDue, { items: [], total: 0, limit: 50, offset: 0 });
      await monitoring.promisesDue({ actor: ADMIN, from: '2026-08-29', to: '2026-11-28', limit: 50, offset: 0 });
      await monitoring.promisesDue({ actor: ADMIN, to: '2026-12-05', limit: 50, offset: 0 });
      expect(messages.requestsOf(MonitoringStore.promisesDue).map(({ from, to }) => [from, to])).toEqual([
        ['2026-08-29', '2026-11-28'],
        ['2026-11-28', '2026-12-05'],
      ]);
    });
  });

  describe('one visit', () => {
    it('answers 404 for a visit outside the scope', async () => {
      messages.answer(MonitoringStore.visit, null);
      expect((await problemOf(monitoring.visit(SUPERVISOR, 'visit-elsewhere'))).problem).toMatchObject({
        status: 404,
        detail: 'No visit visit-elsewhere in your scope',
      });
      expect(messages.requestsOf(MonitoringStore.visit)).toEqual([{ branchId: 'branch-jkt', visitId: 'visit-elsewhere' }]);
    });
  });
});
