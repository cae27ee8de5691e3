import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
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
import { BatchesRepository } from '../batches/batches.repository.js';
import { StorageHealthService } from '../persistence/storage-health.service.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { VisitUploadService } from './visit-upload.service.js';
import { VisitsRepository, type VisitToStore } from './visits.repository.js';

const WORK_DATE = '2026-11-28';
/** 10:00 in Jakarta on the work date. */
const NOW = '2026-11-28T03:00:00.000Z';
const SETTINGS = { now: NOW, timeZone: 'Asia/Jakarta', promiseWindowDays: 7, clockSkewSeconds: 300 };
const PHOTO = 'ab'.repeat(32);

/** The collector hashes the canonical content; here only the same hash for the same content matters. */
const contentHashOf = (content: VisitContent) => createHash('sha256').update(JSON.stringify(content)).digest('hex');

/** A promise with its resolve at hand, to hold a piece of work at a chosen point. */
function gate(): { opened: Promise<void>; open(): void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

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
      override taken(...args: Parameters<VisitsRepository['taken']>) {
        if (stale > 0) {
          stale -= 1;
          return Promise.resolve({ visits: [], receipts: new Set<string>() });
        }
        return super.taken(...args);
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

  /**
   * On a pooled engine a collector's uploads hold the batch row shared and run side by side; a close or reset takes it
   * exclusively. SQLite runs one unit of work at a time, so there is no side by side to test.
   */
  const pooledIt = engine === 'sqlite' ? it.skip : it;

  /** Resolves once another connection of the test database waits for a lock held by a transaction still open. */
  async function someoneWaitsForALock(): Promise<void> {
    for (let tries = 0; tries < 500; tries += 1) {
      const [row] = await database.dataSource.query(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      if (Number(row.n) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('no transaction ever waited for a lock');
  }

  /**
   * A repository whose first `arrivals` uploads each hold their first statement into `table` until all of them are there
   * (and `release` is opened), so that those statements reach the server together; `together` resolves when they are.
   */
  function meetingAt(table: string, arrivals: number, release = Promise.resolve()) {
    let waiting = arrivals;
    const allThere = gate();
    const meet = async () => {
      waiting -= 1;
      if (waiting === 0) allThere.open();
      // Uploads that go one at a time never meet here: fail plainly instead of at the test's timeout.
      const apart = new Promise((_, reject) => setTimeout(() => reject(new Error(`the uploads never reached ${table} together`)), 10_000).unref());
      await Promise.race([allThere.opened, apart]);
      await release;
    };
    const repository = new (class extends VisitsRepository {
      override insert(manager: EntityManager, records: VisitToStore[], syncedAt: Date) {
        let met = waiting === 0;
        const held = new Proxy(manager, {
          get(target, property, receiver) {
            const value: unknown = Reflect.get(target, property, receiver);
            if (property !== 'query') return value;
            return async (sql: string, parameters?: unknown[]) => {
              // On PostgreSQL the upload's inserts are one statement, which names every table.
              if (!met && sql.includes(`INSERT INTO ${table} `)) {
                met = true;
                await meet();
              }
              return target.query(sql, parameters);
            };
          },
        });
        return super.insert(held, records, syncedAt);
      }
    })(transactions);
    return { repository, together: allThere.opened };
  }

  const closing = (expectedVisitCount: number) => ({ batchId: day.batchId, expectedVisitCount, actorId: day.collectorId, at: NOW });

  /** Enough rows that two uploads' inserts overlap in time, not one finishing before the other starts. */
  const MANY = 400;

  pooledIt('stores two uploads of one batch side by side: both reach their inserts together, and visits named by both are stored once', async () => {
    const shared = Array.from({ length: MANY / 4 }, (_, n) => visit({ assignmentId: day.assignments[n % 2] }));
    // The first upload's own visits come first, so that the second has begun on the shared ones when it gets to them.
    const own = Array.from({ length: MANY }, () => visit());
    const other = paid(40);
    const sideBySide = new VisitUploadService(transactions, meetingAt('visit', 2).repository);
    // The shared visits in opposite orders: neither upload may hold one of them while waiting for one the other holds.
    const [one, two] = await Promise.all([sideBySide.record(upload([...own, ...shared])), sideBySide.record(upload([...[...shared].reverse(), other]))]);
    expect(new Set(one.slice(0, MANY).map((outcome) => outcome.status))).toEqual(new Set(['created']));
    expect(two[shared.length].status).toBe('created');
    // The shared visits went in with whichever upload inserted first; the other answers every one as a duplicate.
    const statuses = [one.slice(MANY), two.slice(0, shared.length)].map((outcomes) => [...new Set(outcomes.map((outcome) => outcome.status))]);
    expect(statuses.sort()).toEqual([['created'], ['duplicate']]);
    expect(await storedIds()).toEqual([...own, ...shared, other].map((entry) => entry.content.id).sort());
    expect(await database.dataSource.getRepository(CoreOutVisit).countBy({ batchId: day.batchId })).toBe(MANY + shared.length + 1);
    expect((await batchRow()).lastSyncAt).toEqual(new Date(NOW));
  });

  pooledIt('gives each receipt to one of two uploads side by side, whatever order their visits name the receipts in', async () => {
    // Taken in the order of the visits' ids, the first upload's receipts rise and the second's fall.
    const ids = Array.from({ length: 2 * MANY }, () => randomUUID()).sort();
    const first = ids.slice(0, MANY).map((id, n) => paid(n + 1, { id }));
    const second = ids.slice(MANY).map((id, n) => paid(MANY - n, { id }));
    const sideBySide = new VisitUploadService(transactions, meetingAt('payment', 2).repository);
    const answers = await Promise.all([sideBySide.record(upload(first)), sideBySide.record(upload(second))]);
    const statuses = answers.map((outcomes) => [...new Set(summary(outcomes).map((entry) => entry.join(' ')))]);
    // One upload took every receipt; the other's payments are all refused, and nothing of them stored.
    expect([...statuses].sort()).toEqual([['created'], ['rejected payment.receiptNo:receipt-used']]);
    const winner = statuses[0][0] === 'created' ? first : second;
    expect(await storedIds()).toEqual(winner.map((entry) => entry.content.id).sort());
    expect(await database.dataSource.getRepository(Payment).countBy({ visitId: In(ids) })).toBe(MANY);
  });

  pooledIt('makes a close wait for an upload in flight and count its visits: the phone that did not count them is told the batch changed', async () => {
    const release = gate();
    const meeting = meetingAt('visit', 1, release.opened);
    const stored = [visit(), paid(30)];
    const uploaded = new VisitUploadService(transactions, meeting.repository).record(upload(stored));
    // The upload holds the batch row and is about to store its visits when the close starts.
    await meeting.together;
    const close = problemOf(new BatchesRepository(transactions).close(closing(0)));
    await someoneWaitsForALock();
    release.open();
    expect(summary(await uploaded)).toEqual([['created'], ['created']]);
    const refused = await close;
    expect([refused.problem.status, refused.problem.code]).toEqual([409, 'batch-changed']);
    expect((await batchRow()).status).toBe('open');
    expect((await new BatchesRepository(transactions).close(closing(2))).status).toBe('closed');
    expect(await storedIds()).toEqual(stored.map((entry) => entry.content.id).sort());
  });

  pooledIt('makes an upload wait for a close in flight: once the close commits, the upload finds no open batch and stores nothing', async () => {
    const [done, release] = [gate(), gate()];
    const pausedBeforeCommit = new (class extends TransactionRunner {
      override run<T>(work: Parameters<TransactionRunner['run']>[0]): Promise<T> {
        return super.run(async (manager) => {
          const result = await work(manager);
          done.open();
          await release.opened;
          return result as T;
        });
      }
    })(database.dataSource, new StorageHealthService(database.dataSource, loadConfig({ DATA_DIR: '/nonexistent' })));
    const closed = new BatchesRepository(pausedBeforeCommit).close(closing(0));
    // The close has done all its work and holds the row until its commit; the upload starting now must wait for it.
    await done.opened;
    const late = problemOf(uploads.record(upload([visit()])));
    await someoneWaitsForALock();
    release.open();
    expect((await closed).status).toBe('closed');
    const refused = await late;
    expect([refused.problem.status, refused.problem.code]).toEqual([409, 'no-open-batch']);
    expect(await storedIds()).toEqual([]);
  });
});
