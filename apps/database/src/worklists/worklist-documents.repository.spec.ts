import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { loadConfig } from '#libs/config';
import type { SessionCheckRequest, WorklistDownload } from '#libs/contract';
import { Account, Assignment, Batch, Branch, Device, ReceiptRange, ResultCode, User, Worklist, WorklistDocument as StoredDocument } from '#libs/entities';
import { openMigratedDatabase, type MigratedDatabase } from '../../../../test/support/migrated-database.js';
import { problemOf } from '../../../../test/support/problems.js';
import { testEngines } from '../../../../test/support/test-database.js';
import { BatchesRepository } from '../batches/batches.repository.js';
import { StorageHealthService } from '../persistence/storage-health.service.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { WorklistDocumentsRepository } from './worklist-documents.repository.js';

const DAY = '2026-11-20';
const CREATED = new Date('2026-11-01T00:00:00Z');
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(36 - prefix.length, '0')}`;
const BRANCH = id('b', 1);
const ANI = id('u', 1);
const DEVICE = id('d', 1);
const SESSION: SessionCheckRequest = { userId: ANI, role: 'collector', deviceId: DEVICE };

/** Ani of JKT01 with an LKH of two accounts for DAY, two result codes and a receipt range. */
async function seed(dataSource: DataSource) {
  await dataSource.getRepository(Branch).insert({ id: BRANCH, code: 'JKT01', name: 'Jakarta', createdAt: CREATED });
  await dataSource.getRepository(User).insert({
    id: ANI,
    username: 'ani',
    fullName: 'Ani',
    passwordHash: 'x',
    role: 'collector',
    branchId: BRANCH,
    active: true,
    createdAt: CREATED,
    updatedAt: CREATED,
  });
  await dataSource.getRepository(Device).insert({
    id: DEVICE,
    userId: ANI,
    deviceKey: 'phone-1',
    model: null,
    androidSdk: 29,
    appVersionCode: 1,
    status: 'active',
    boundAt: CREATED,
    lastSeenAt: CREATED,
    endedAt: null,
  });
  await dataSource.getRepository(ResultCode).insert(
    ['PAID', 'NOT_MET'].map((code, index) => ({
      code,
      label: `${code} label`,
      requiresPayment: code === 'PAID',
      requiresPromise: false,
      requiresGps: true,
      minPhotos: 0,
      active: true,
      sortOrder: index,
    })),
  );
  await dataSource.getRepository(ReceiptRange).insert({ id: id('r', 1), collectorId: ANI, prefix: 'KWJ1', fromNo: 1, toNo: 500, active: true });
  await dataSource.getRepository(Account).insert(
    [1, 2].map((n) => ({
      id: id('a', n),
      contractNo: `K-${n}`,
      branchId: BRANCH,
      debtorName: `Debtor ${n}`,
      address: `Jalan ${n}`,
      phone: `0812${n}`,
      latitude: -6.2,
      longitude: 106.8,
      installmentAmount: 1_000_000,
      amountDue: 2_000_000 * n,
      overdueDays: 10 * n,
      outstanding: 9_000_000_000 + n,
      updatedAt: CREATED,
    })),
  );
  await dataSource.getRepository(Worklist).insert({ id: id('w', 1), collectorId: ANI, branchId: BRANCH, workDate: DAY, createdAt: CREATED });
  await dataSource.getRepository(Assignment).insert(
    [1, 2].map((n) => ({
      id: id('s', n),
      worklistId: id('w', 1),
      accountId: id('a', n),
      collectorId: ANI,
      sequence: n,
      amountDue: 2_000_000 * n,
      overdueDays: 10 * n,
    })),
  );
}

/** What a core load for DAY does to Ani's LKH: the old one superseded, a new one with other amounts, an account renamed. */
async function reloadFromCore(dataSource: DataSource, n: number) {
  await dataSource.getRepository(Worklist).update({ collectorId: ANI }, { supersededAt: new Date() });
  await dataSource.getRepository(Worklist).insert({ id: id('w', n), collectorId: ANI, branchId: BRANCH, workDate: DAY, createdAt: new Date() });
  await dataSource
    .getRepository(Assignment)
    .insert({ id: id('s', 10 * n), worklistId: id('w', n), accountId: id('a', 1), collectorId: ANI, sequence: 1, amountDue: 99, overdueDays: 1 });
  await dataSource.getRepository(Account).update({ id: id('a', 2) }, { debtorName: `Renamed by load ${n}` });
  await dataSource.getRepository(ResultCode).update({ code: 'NOT_MET' }, { label: `Relabelled by load ${n}` });
}

describe.each(testEngines())('the stored LKH of an open batch, on %s', (engine) => {
  let database: MigratedDatabase;
  let documents: WorklistDocumentsRepository;
  let batches: BatchesRepository;
  const login = (at = '2026-11-20T01:00:00.000Z') => batches.openForLogin({ collectorId: ANI, deviceId: DEVICE, workDate: DAY, at });
  const download = (heldEtags: string[] = []) => documents.find({ session: SESSION, heldEtags });
  const text = (document: WorklistDownload | null) => document!.body!.toString('utf8');
  const body = (document: WorklistDownload | null) => JSON.parse(text(document));

  beforeAll(async () => {
    database = await openMigratedDatabase(engine);
    await seed(database.dataSource);
    const transactions = new TransactionRunner(database.dataSource, new StorageHealthService(database.dataSource, loadConfig({})));
    documents = new WorklistDocumentsRepository(transactions);
    batches = new BatchesRepository(transactions);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('answers null while the collector has no open batch', async () => {
    expect(await download()).toBeNull();
    expect(await download(['*'])).toBeNull();
  });

  it('stores the LKH when the batch opens and serves the same bytes every time, the tag its sync token', async () => {
    const batch = await login();
    const first = await download();
    expect(first!.body).toEqual((await download())!.body);
    expect(first!.body).toEqual((await download(['"another"']))!.body);
    const view = body(first);
    expect(first!.etag).toBe(`"${view.syncToken}"`);
    expect(view).toMatchObject({ workDate: DAY, batch: { id: batch.id, status: 'open' }, receiptRange: { prefix: 'KWJ1', from: 1, to: 500 } });
    expect(view.assignments.map((a: { contractNo: string; amountDue: number }) => [a.contractNo, a.amountDue])).toEqual([
      ['K-1', 2_000_000],
      ['K-2', 4_000_000],
    ]);
    expect(view.resultCodes.map((c: { code: string }) => c.code)).toEqual(['PAID', 'NOT_MET']);
    const [row] = await database.dataSource.getRepository(StoredDocument).findBy({ collectorId: ANI });
    expect(row).toMatchObject({ batchId: batch.id, etag: first!.etag, body: text(first) });
  });

  it('answers without the body when the phone holds the tag, in a list or as *', async () => {
    const { etag } = (await download())!;
    expect(await download([etag])).toEqual({ etag, body: null });
    expect(await download(['"old"', etag])).toEqual({ etag, body: null });
    expect(await download(['*'])).toEqual({ etag, body: null });
    expect((await download(['"old"']))!.body).not.toBeNull();
  });

  it('refuses a session that has ended in the same read, with or without a tag, and serves it again once it stands', async () => {
    const { etag } = (await download())!;
    await database.dataSource.getRepository(User).update({ id: ANI }, { active: false });
    expect((await problemOf(download())).problem).toMatchObject({ status: 401 });
    expect((await problemOf(download([etag]))).problem).toMatchObject({ status: 401 });
    await database.dataSource.getRepository(User).update({ id: ANI }, { active: true });
    await database.dataSource.getRepository(Device).update({ id: DEVICE }, { status: 'revoked' });
    expect((await problemOf(download([etag]))).problem).toMatchObject({ status: 401 });
    await database.dataSource.getRepository(Device).update({ id: DEVICE }, { status: 'active' });
    expect(await download([etag])).toEqual({ etag, body: null });
  });

  it('keeps the stored LKH through a core reload and a login that resumes the batch', async () => {
    const before = await download();
    await reloadFromCore(database.dataSource, 2);
    const resumed = await login('2026-11-20T02:00:00.000Z');
    expect(resumed.id).toBe(body(before).batch.id);
    expect(await download()).toEqual(before);
  });

  it('drops it when the batch closes, and the next batch gets the LKH as it stands then', async () => {
    const before = await download();
    await batches.close({ batchId: body(before).batch.id, expectedVisitCount: 0, actorId: ANI, at: '2026-11-20T10:00:00.000Z' });
    expect(await download()).toBeNull();
    expect(await database.dataSource.getRepository(StoredDocument).countBy({ collectorId: ANI })).toBe(0);

    const next = await login('2026-11-20T11:00:00.000Z');
    const after = await download();
    expect(after!.etag).not.toBe(before!.etag);
    expect(body(after).batch.id).toBe(next.id);
    expect(body(after).assignments.map((a: { contractNo: string; amountDue: number }) => [a.contractNo, a.amountDue])).toEqual([['K-1', 99]]);
    expect(body(after).resultCodes[1].label).toBe('Relabelled by load 2');
  });

  it('drops it at a reset', async () => {
    await batches.reset({ collectorId: ANI, deviceId: DEVICE, at: '2026-11-20T12:00:00.000Z' });
    expect(await download()).toBeNull();
  });

  it('renders a batch opened before LKHs were stored at its first download, stores it, and keeps it from then on', async () => {
    const batch = await login('2026-11-20T13:00:00.000Z');
    await database.dataSource.getRepository(StoredDocument).delete({ collectorId: ANI });
    await database.dataSource.getRepository(User).update({ id: ANI }, { active: false });
    expect((await problemOf(download())).problem).toMatchObject({ status: 401 });
    expect(await database.dataSource.getRepository(StoredDocument).countBy({ collectorId: ANI })).toBe(0);
    await database.dataSource.getRepository(User).update({ id: ANI }, { active: true });

    const first = await download();
    expect(body(first).batch.id).toBe(batch.id);
    expect(first!.etag).toBe(`"${body(first).syncToken}"`);
    const [row] = await database.dataSource.getRepository(StoredDocument).findBy({ collectorId: ANI });
    expect(row).toMatchObject({ batchId: batch.id, etag: first!.etag, body: text(first) });

    await reloadFromCore(database.dataSource, 3);
    expect(await download()).toEqual(first);
    expect(await download([first!.etag])).toEqual({ etag: first!.etag, body: null });
  });

  it('opens one batch with one stored LKH for two logins at once, and renders an earlier batch once for two first downloads', async () => {
    await batches.reset({ collectorId: ANI, deviceId: DEVICE, at: '2026-11-20T14:00:00.000Z' });
    const [one, other] = await Promise.all([login('2026-11-20T15:00:00.000Z'), login('2026-11-20T15:00:00.000Z')]);
    expect(other.id).toBe(one.id);
    expect(await database.dataSource.getRepository(Batch).countBy({ collectorId: ANI, status: 'open' })).toBe(1);
    expect(body(await download()).batch.id).toBe(one.id);

    await database.dataSource.getRepository(StoredDocument).delete({ collectorId: ANI });
    const [first, second] = await Promise.all([download(), download()]);
    expect(second).toEqual(first);
    expect(body(first).batch.id).toBe(one.id);
    expect(await database.dataSource.getRepository(StoredDocument).countBy({ collectorId: ANI })).toBe(1);
  });

  it('answers the first download of an earlier batch without its body when the phone holds its tag', async () => {
    const forget = () => database.dataSource.getRepository(StoredDocument).delete({ collectorId: ANI });
    await forget();
    const rendered = (await download())!;
    await forget();
    expect(await download([rendered.etag])).toEqual({ etag: rendered.etag, body: null });
    expect(await download()).toEqual(rendered);
  });
});
