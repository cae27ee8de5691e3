import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import { loadConfig } from '#libs/config';
import type { CanonicalVisitRecord, VisitContent, VisitUploadRecord } from '#libs/contract';
import {
  Account,
  Assignment,
  Batch,
  Branch,
  CoreOutPayment,
  CoreOutPhoto,
  Device,
  CoreOutVisit,
  Payment,
  ReceiptRange,
  ResultCode,
  User,
  Visit,
  VisitPhoto,
  Worklist,
} from '#libs/entities';
import { visitContent } from '../../../../test/support/collection-days.js';
import { openMigratedDatabase, type MigratedDatabase } from '../../../../test/support/migrated-database.js';
import { problemOf } from '../../../../test/support/problems.js';
import { testEngines } from '../../../../test/support/test-database.js';
import { StorageHealthService } from '../persistence/storage-health.service.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { VisitUploadService } from './visit-upload.service.js';
import { VisitsRepository } from './visits.repository.js';

const WORK_DATE = '2026-11-28';
/** 10:00 in Jakarta on the work date. */
const NOW = '2026-11-28T03:00:00.000Z';
const SETTINGS = { now: NOW, timeZone: 'Asia/Jakarta', promiseWindowDays: 7, clockSkewSeconds: 300 };
const PHOTO = 'ab'.repeat(32);

/** The collector hashes the canonical content; here only the same hash for the same content matters. */
const contentHashOf = (content: VisitContent) => createHash('sha256').update(JSON.stringify(content)).digest('hex');

describe.each(testEngines())('VisitUploadService on %s', (engine) => {
  let database: MigratedDatabase;
  let uploads: VisitUploadService;
  let transactions: TransactionRunner;
  /** Each test has a collector of its own, with an open batch on an LKH of two accounts, a receipt range and a colleague's LKH. */
  let day: { collectorId: string; deviceId: string; batchId: string; prefix: string; assignments: string[]; colleaguesAssignment: string; suffix: string };

  const save = <T extends object>(entity: new () => T, rows: T[]) => database.dataSource.getRepository(entity).insert(rows);

  async function seedDay(): Promise<typeof day> {
    const suffix = randomUUID().slice(0, 8);
    const branchId = randomUUID();
    const collectorId = randomUUID();
    const colleagueId = randomUUID();
    const at = new Date('2026-11-28T00:00:00Z');
    await save(Branch, [{ id: branchId, code: `B${suffix}`, name: 'Jakarta', createdAt: at }]);
    const user = (id: string, username: string): User => ({
      id,
      username,
      fullName: username,
      passwordHash: 'x',
      role: 'collector',
      branchId,
      active: true,
      mayBindDevices: true,
      employeeCode: null,
      createdAt: at,
      updatedAt: at,
    });
    await save(User, [user(collectorId, `c${suffix}`), user(colleagueId, `d${suffix}`)]);
    const accounts = [1, 2, 3].map((n): Account => ({
      id: randomUUID(),
      contractNo: `${suffix}${n}`,
      branchId,
      debtorName: `Debtor ${n}`,
      address: 'Jl. Merdeka',
      phone: '0812',
      product: null,
      latitude: null,
      longitude: null,
      installmentAmount: 1_000_000,
      amountDue: 2_000_000,
      overdueDays: 40,
      outstanding: 12_000_000,
      updatedAt: at,
    }));
    await save(Account, accounts);
    const worklist = (id: string, collector: string): Worklist => ({
      id,
      collectorId: collector,
      branchId,
      workDate: WORK_DATE,
      createdAt: at,
      coreLoadId: null,
      supersededAt: null,
      contentHash: null,
    });
    const [own, colleagues] = [randomUUID(), randomUUID()];
    await save(Worklist, [worklist(own, collectorId), worklist(colleagues, colleagueId)]);
    const assignment = (worklistId: string, collector: string, account: Account, sequence: number): Assignment => ({
      id: randomUUID(),
      worklistId,
      accountId: account.id,
      collectorId: collector,
      sequence,
      amountDue: 2_000_000,
      overdueDays: 40,
    });
    const assignments = [assignment(own, collectorId, accounts[0], 1), assignment(own, collectorId, accounts[1], 2)];
    const colleaguesAssignment = assignment(colleagues, colleagueId, accounts[2], 1);
    await save(Assignment, [...assignments, colleaguesAssignment]);
    const prefix = `K${suffix}`;
    await save(ReceiptRange, [{ id: randomUUID(), collectorId, prefix, fromNo: 1, toNo: 500, active: true }]);
    const batchId = randomUUID();
    const deviceId = randomUUID();
    await save(Device, [
      {
        id: deviceId,
        userId: collectorId,
        deviceKey: `phone-${suffix}`,
        model: null,
        androidSdk: 23,
        appVersionCode: 1,
        status: 'active',
        boundAt: at,
        lastSeenAt: at,
        endedAt: null,
      },
    ]);
    await save(Batch, [
      {
        id: batchId,
        collectorId,
        deviceId,
        worklistId: own,
        workDate: WORK_DATE,
        status: 'open',
        openedAt: at,
        closedAt: null,
        closedBy: null,
        lastSyncAt: null,
      },
    ]);
    return { collectorId, deviceId, batchId, prefix, assignments: assignments.map((row) => row.id), colleaguesAssignment: colleaguesAssignment.id, suffix };
  }

  function visit(overrides: Partial<VisitContent> = {}): CanonicalVisitRecord {
    const content = visitContent({ id: randomUUID(), assignmentId: day.assignments[0], resultCode: 'T_REFUSED', ...overrides });
    return { content, contentHash: contentHashOf(content) };
  }

  const paid = (receipt: number, overrides: Partial<VisitContent> = {}) =>
    visit({
      resultCode: 'T_PAID',
      payment: { amount: 250_000, receiptNo: `${day.prefix}-${String(receipt).padStart(6, '0')}` },
      photos: [PHOTO],
      ...overrides,
    });

  const upload = (visits: CanonicalVisitRecord[], settings = SETTINGS): VisitUploadRecord => ({
    session: { userId: day.collectorId, role: 'collector', deviceId: day.deviceId },
    settings,
    visits,
  });

  const summary = (outcomes: { id: string; status: string; errors?: { field: string; code: string }[] }[]) =>
    outcomes.map((outcome) => [outcome.status, ...(outcome.errors ?? []).map((issue) => `${issue.field}:${issue.code}`)]);

  const storedIds = async () => (await database.dataSource.getRepository(Visit).findBy({ batchId: day.batchId })).map((row) => row.id).sort();
  const batchRow = () => database.dataSource.getRepository(Batch).findOneByOrFail({ id: day.batchId });

  beforeAll(async () => {
    database = await openMigratedDatabase(engine);
    const { dataSource } = database;
    const codes: ResultCode[] = [
      { code: 'T_PAID', label: 'Paid', requiresPayment: true, requiresPromise: false, requiresGps: true, minPhotos: 1, active: true, sortOrder: 1 },
      { code: 'T_REFUSED', label: 'Refused', requiresPayment: false, requiresPromise: false, requiresGps: false, minPhotos: 0, active: true, sortOrder: 2 },
      { code: 'T_OLD', label: 'Retired', requiresPayment: false, requiresPromise: false, requiresGps: false, minPhotos: 0, active: false, sortOrder: 3 },
    ];
    await dataSource.getRepository(ResultCode).insert(codes);
    transactions = new TransactionRunner(dataSource, new StorageHealthService(dataSource, loadConfig({ DATA_DIR: '/nonexistent' })));
    uploads = new VisitUploadService(transactions, new VisitsRepository(transactions));
  });

  afterAll(async () => {
    await database?.close();
  });

  beforeEach(async () => {
    day = await seedDay();
  });

  it("stores the accepted visits with their payment and outbound rows, answers the refused ones with the rules' issues, and marks the batch synced", async () => {
    const first = paid(1);
    const outcomes = await uploads.record(
      upload([
        first,
        visit({ assignmentId: day.colleaguesAssignment }),
        visit({ resultCode: 'T_OLD' }),
        paid(501),
        visit({ visitedAt: '2026-11-28T03:05:01.000Z' }),
        visit({ assignmentId: day.assignments[1] }),
      ]),
    );
    expect(summary(outcomes)).toEqual([
      ['created'],
      ['rejected', 'assignmentId:unknown-assignment'],
      ['rejected', 'resultCode:unknown-result-code'],
      ['rejected', 'payment.receiptNo:receipt-out-of-range'],
      ['rejected', 'visitedAt:visited-in-future'],
      ['created'],
    ]);
    expect(outcomes[0].visit).toEqual({ ...first.content, batchId: day.batchId, receivedAt: NOW });
    expect(await storedIds()).toEqual([outcomes[0].id, outcomes[5].id].sort());
    const stored = await database.dataSource.getRepository(Visit).findOneByOrFail({ id: first.content.id });
    expect(stored).toMatchObject({
      collectorId: day.collectorId,
      workDate: WORK_DATE,
      contentHash: first.contentHash,
      visitedAt: new Date(first.content.visitedAt),
      receivedAt: new Date(NOW),
      latitude: -6.2,
      accuracyM: 10,
    });
    expect(await database.dataSource.getRepository(Payment).findOneByOrFail({ visitId: first.content.id })).toMatchObject({
      receiptNo: first.content.payment!.receiptNo,
      amount: 250_000,
      paidAt: new Date(first.content.visitedAt),
    });
    expect(await database.dataSource.getRepository(VisitPhoto).findBy({ visitId: first.content.id })).toEqual([
      expect.objectContaining({ position: 0, sha256: PHOTO }),
    ]);
    const names = { collectorUsername: `c${day.suffix}`, branchCode: `B${day.suffix}`, accountNo: `${day.suffix}1` };
    expect(await database.dataSource.getRepository(CoreOutVisit).findBy({ visitId: first.content.id })).toEqual([
      expect.objectContaining({
        ...names,
        batchId: day.batchId,
        workDate: WORK_DATE,
        resultCode: 'T_PAID',
        visitedAt: new Date(first.content.visitedAt),
        latitude: -6.2,
        photoCount: 1,
        receivedAt: new Date(NOW),
        ackedAt: null,
      }),
    ]);
    expect(await database.dataSource.getRepository(CoreOutPayment).findBy({ visitId: first.content.id })).toEqual([
      expect.objectContaining({ ...names, receiptNo: first.content.payment!.receiptNo, amount: 250_000, paidAt: new Date(first.content.visitedAt) }),
    ]);
    expect(await database.dataSource.getRepository(CoreOutPhoto).findBy({ visitId: first.content.id })).toEqual([
      expect.objectContaining({ accountNo: names.accountNo, uploadedBy: names.collectorUsername, sha256: PHOTO, position: 0, url: `/api/v1/media/${PHOTO}` }),
    ]);
    expect((await batchRow()).lastSyncAt).toEqual(new Date(NOW));
  });

  it('recognises a replay before any rule: the same content answers duplicate with the original, other content a conflict', async () => {
    const original = paid(2);
    await uploads.record(upload([original]));
    const later = { ...SETTINGS, now: '2026-11-28T05:00:00.000Z' };
    // A day later the visit would be refused as far outside the clock; a replay must still answer duplicate.
    const early = { ...SETTINGS, now: '2026-11-27T00:00:00.000Z' };
    const changed = { ...original, content: { ...original.content, notes: 'changed' } };
    const replay = await uploads.record(upload([original, { ...changed, contentHash: contentHashOf(changed.content) }], later));
    expect(summary(replay)).toEqual([['duplicate'], ['conflict', 'id:visit-conflict']]);
    expect(replay[0].visit).toEqual({ ...original.content, batchId: day.batchId, receivedAt: NOW });
    expect(summary(await uploads.record(upload([original], early)))).toEqual([['duplicate']]);
    expect((await batchRow()).lastSyncAt).toEqual(new Date(NOW));
  });

  it('keeps the other visits of a request when one loses its id or receipt to an earlier one of the same request', async () => {
    const first = paid(3);
    const sameReceipt = paid(3, { assignmentId: day.assignments[1] });
    const after = visit();
    const outcomes = await uploads.record(upload([first, first, sameReceipt, after]));
    expect(summary(outcomes)).toEqual([['created'], ['duplicate'], ['rejected', 'payment.receiptNo:receipt-used'], ['created']]);
    expect(await storedIds()).toEqual([first.content.id, after.content.id].sort());
    expect(await database.dataSource.getRepository(Payment).countBy({ receiptNo: first.content.payment!.receiptNo })).toBe(1);
  });

  it('decides again when an id or receipt was taken after it was read: the insert fails on the key, undoes itself, and keeps the other visits', async () => {
    const earlier = paid(20);
    await uploads.record(upload([earlier]));
    // Reads that miss what is stored, as when a concurrent transaction commits just after them.
    let stale = 0;
    const racing = new (class extends VisitsRepository {
      override storedVisits(...args: Parameters<VisitsRepository['storedVisits']>) {
        return stale > 0 ? Promise.resolve([]) : super.storedVisits(...args);
      }
      override usedReceipts(...args: Parameters<VisitsRepository['usedReceipts']>) {
        if (stale > 0) {
          stale -= 1;
          return Promise.resolve(new Set<string>());
        }
        return super.usedReceipts(...args);
      }
    })(transactions);
    const racingUploads = new VisitUploadService(transactions, racing);
    const replay = visit();
    stale = 1;
    expect(summary(await racingUploads.record(upload([earlier, replay])))).toEqual([['duplicate'], ['created']]);
    const sameReceipt = paid(20, { assignmentId: day.assignments[1] });
    const other = visit();
    stale = 1;
    expect(summary(await racingUploads.record(upload([sameReceipt, other])))).toEqual([['rejected', 'payment.receiptNo:receipt-used'], ['created']]);
    expect(await storedIds()).toEqual([earlier.content.id, replay.content.id, other.content.id].sort());
    expect(await database.dataSource.getRepository(CoreOutVisit).countBy({ batchId: day.batchId })).toBe(3);
    expect(await database.dataSource.getRepository(Payment).countBy({ receiptNo: earlier.content.payment!.receiptNo })).toBe(1);
  });

  it('stores nothing and answers no-open-batch when the batch is closed, and leaves the last sync alone when nothing is created', async () => {
    const refused = await uploads.record(upload([visit({ resultCode: 'T_OLD' })]));
    expect(summary(refused)).toEqual([['rejected', 'resultCode:unknown-result-code']]);
    expect((await batchRow()).lastSyncAt).toBeNull();
    await database.dataSource.getRepository(Batch).update({ id: day.batchId }, { status: 'closed', closedAt: new Date(NOW), closedBy: 'close' });
    const problem = await problemOf(uploads.record(upload([visit()])));
    expect([problem.problem.status, problem.problem.code]).toEqual([409, 'no-open-batch']);
    expect(await storedIds()).toEqual([]);
  });

  it("checks the session's standing in the same unit of work: a disabled collector or a revoked phone stores nothing", async () => {
    await database.dataSource.getRepository(User).update({ id: day.collectorId }, { active: false });
    const disabled = await problemOf(uploads.record(upload([visit()])));
    expect([disabled.problem.status, disabled.problem.detail]).toEqual([401, 'This account is disabled']);
    await database.dataSource.getRepository(User).update({ id: day.collectorId }, { active: true });
    await database.dataSource.getRepository(Device).update({ id: day.deviceId }, { status: 'revoked' });
    expect((await problemOf(uploads.record(upload([visit()])))).problem.status).toBe(401);
    expect(await storedIds()).toEqual([]);
    expect((await batchRow()).lastSyncAt).toBeNull();
  });

  it('answers concurrent uploads each with its own outcome, one failing alone, and stores each visit once', async () => {
    const visits = [paid(10), paid(11), visit(), visit({ assignmentId: day.assignments[1] })];
    const stranger: VisitUploadRecord = { ...upload([visit()]), session: { userId: randomUUID(), role: 'collector', deviceId: null } };
    const settled = await Promise.allSettled([
      uploads.record(upload(visits.slice(0, 2))),
      uploads.record(stranger),
      uploads.record(upload(visits.slice(1))),
      uploads.record(upload(visits)),
    ]);
    const answers = settled.map((result) => (result.status === 'fulfilled' ? summary(result.value).map((entry) => entry[0]) : 'failed'));
    expect(answers[1]).toBe('failed');
    expect(answers.filter((answer) => answer === 'failed')).toHaveLength(1);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ problem: { status: 401 } });
    expect(answers.flat().filter((status) => status === 'created')).toHaveLength(4);
    expect(answers.flat().filter((status) => status === 'duplicate')).toHaveLength(5);
    expect(await storedIds()).toEqual(visits.map((entry) => entry.content.id).sort());
  });
});
