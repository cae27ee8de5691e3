import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { loadConfig } from '#libs/config';
import { Account, Assignment, Batch, Branch, Device, Payment, PromiseToPay, ResultCode, User, Visit, VisitPhoto, Worklist } from '#libs/entities';
import { openMigratedDatabase, type MigratedDatabase } from '../../../../test/support/migrated-database.js';
import { testEngines } from '../../../../test/support/test-database.js';
import { StorageHealthService } from '../persistence/storage-health.service.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { MonitoringRepository } from './monitoring.repository.js';

const DAY = '2026-11-20';
const DAY_BEFORE = '2026-11-19';
const at = (day: string, time: string) => new Date(`${day}T${time}+07:00`);
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(36 - prefix.length, '0')}`;

/** Two branches: JKT01 with collectors ani and bayu, BDG01 with cici; a day of visits plus one the day before. */
async function seed(dataSource: DataSource) {
  const jkt = id('b', 1);
  const bdg = id('b', 2);
  const [ani, bayu, cici] = [id('u', 1), id('u', 2), id('u', 3)];
  const created = new Date('2026-11-01T00:00:00Z');
  await dataSource.getRepository(Branch).insert([
    { id: jkt, code: 'JKT01', name: 'Jakarta', createdAt: created },
    { id: bdg, code: 'BDG01', name: 'Bandung', createdAt: created },
  ]);
  const person = (userId: string, username: string, branchId: string) => ({
    id: userId,
    username,
    fullName: username.toUpperCase(),
    passwordHash: 'x',
    role: 'collector' as const,
    branchId,
    active: true,
    createdAt: created,
    updatedAt: created,
  });
  await dataSource.getRepository(User).insert([person(ani, 'ani', jkt), person(bayu, 'bayu', jkt), person(cici, 'cici', bdg)]);
  await dataSource.getRepository(ResultCode).insert(
    ['PAID', 'PARTIAL', 'PTP', 'NOT_MET'].map((code, index) => ({
      code,
      label: `${code} label`,
      requiresPayment: code === 'PAID' || code === 'PARTIAL',
      requiresPromise: code === 'PTP',
      requiresGps: true,
      minPhotos: 0,
      active: true,
      sortOrder: index,
    })),
  );
  const accounts = [1, 2, 3, 4, 5, 6].map((n) => ({
    id: id('a', n),
    contractNo: `K-${n}`,
    branchId: n <= 5 ? jkt : bdg,
    debtorName: `Debtor ${n}`,
    address: `Jalan ${n}`,
    phone: `0812${n}`,
    latitude: null,
    longitude: null,
    installmentAmount: 1_000_000 * n,
    amountDue: 2_000_000 * n,
    overdueDays: 10 * n,
    outstanding: 9_000_000_000 + n,
    updatedAt: created,
  }));
  await dataSource.getRepository(Account).insert(accounts);
  const worklists = [
    { id: id('w', 1), collectorId: ani, branchId: jkt, workDate: DAY, createdAt: created },
    { id: id('w', 2), collectorId: bayu, branchId: jkt, workDate: DAY, createdAt: created },
    { id: id('w', 3), collectorId: cici, branchId: bdg, workDate: DAY, createdAt: created },
    { id: id('w', 4), collectorId: ani, branchId: jkt, workDate: DAY_BEFORE, createdAt: created },
  ];
  await dataSource.getRepository(Worklist).insert(worklists);
  const assignment = (n: number, worklistId: string, accountN: number, collectorId: string) => ({
    id: id('s', n),
    worklistId,
    accountId: id('a', accountN),
    collectorId,
    sequence: n,
    amountDue: 1,
    overdueDays: 1,
  });
  await dataSource
    .getRepository(Assignment)
    .insert([
      assignment(1, id('w', 1), 1, ani),
      assignment(2, id('w', 1), 2, ani),
      assignment(3, id('w', 1), 3, ani),
      assignment(4, id('w', 2), 4, bayu),
      assignment(5, id('w', 2), 5, bayu),
      assignment(6, id('w', 3), 6, cici),
      assignment(7, id('w', 4), 1, ani),
    ]);
  const device = (n: number, userId: string) => ({
    id: id('d', n),
    userId,
    deviceKey: `phone-${n}`,
    model: null,
    androidSdk: 29,
    appVersionCode: 1,
    status: 'active' as const,
    boundAt: created,
    lastSeenAt: created,
    endedAt: null,
  });
  await dataSource.getRepository(Device).insert([device(1, ani), device(2, bayu), device(3, cici)]);
  const batch = (n: number, collectorId: string, workDate: string, lastSyncAt: Date | null) => ({
    id: id('t', n),
    collectorId,
    deviceId: id('d', n > 3 ? 1 : n),
    worklistId: null,
    workDate,
    status: 'open' as const,
    openedAt: created,
    closedAt: null,
    closedBy: null,
    lastSyncAt,
  });
  await dataSource
    .getRepository(Batch)
    .insert([
      batch(1, ani, DAY, at(DAY, '11:05:00')),
      batch(2, bayu, DAY, null),
      batch(3, cici, DAY, at(DAY, '09:00:00')),
      batch(4, ani, DAY, at(DAY, '08:00:00')),
      batch(5, ani, DAY_BEFORE, at(DAY_BEFORE, '17:00:00')),
    ]);
  const visit = (
    n: number,
    o: { batch: number; assignment: number; account: number; collector: string; branch: string; day: string; code: string; time: string; gps?: boolean },
  ) => ({
    id: id('v', n),
    batchId: id('t', o.batch),
    assignmentId: id('s', o.assignment),
    accountId: id('a', o.account),
    collectorId: o.collector,
    branchId: o.branch,
    workDate: o.day,
    resultCode: o.code,
    visitedAt: at(o.day, o.time),
    latitude: o.gps === false ? null : -6.1 - n / 1000,
    longitude: o.gps === false ? null : 106.8 + n / 1000,
    accuracyM: o.gps === false ? null : 5 + n,
    notes: `note ${n}`,
    content: '{}',
    contentHash: 'h',
    receivedAt: at(o.day, '12:00:00'),
  });
  await dataSource
    .getRepository(Visit)
    .insert([
      visit(1, { batch: 1, assignment: 1, account: 1, collector: ani, branch: jkt, day: DAY, code: 'PAID', time: '09:00:00' }),
      visit(2, { batch: 1, assignment: 2, account: 2, collector: ani, branch: jkt, day: DAY, code: 'PTP', time: '10:00:00' }),
      visit(3, { batch: 1, assignment: 1, account: 1, collector: ani, branch: jkt, day: DAY, code: 'NOT_MET', time: '11:00:00' }),
      visit(4, { batch: 2, assignment: 4, account: 4, collector: bayu, branch: jkt, day: DAY, code: 'PARTIAL', time: '11:00:00', gps: false }),
      visit(5, { batch: 3, assignment: 6, account: 6, collector: cici, branch: bdg, day: DAY, code: 'PTP', time: '08:30:00' }),
      visit(6, { batch: 5, assignment: 7, account: 1, collector: ani, branch: jkt, day: DAY_BEFORE, code: 'PAID', time: '15:00:00' }),
    ]);
  await dataSource.getRepository(Payment).insert([
    { visitId: id('v', 1), receiptNo: 'KWA000001', amount: 2_500_000_000, collectorId: ani, accountId: id('a', 1), paidAt: at(DAY, '09:00:00') },
    { visitId: id('v', 4), receiptNo: 'KWB000001', amount: 100_000, collectorId: bayu, accountId: id('a', 4), paidAt: at(DAY, '11:00:00') },
    { visitId: id('v', 6), receiptNo: 'KWA000002', amount: 200_000, collectorId: ani, accountId: id('a', 1), paidAt: at(DAY_BEFORE, '15:00:00') },
  ]);
  await dataSource.getRepository(PromiseToPay).insert([
    { visitId: id('v', 2), accountId: id('a', 2), collectorId: ani, branchId: jkt, promisedDate: '2026-11-22', amount: 300_000 },
    { visitId: id('v', 5), accountId: id('a', 6), collectorId: cici, branchId: bdg, promisedDate: DAY, amount: 50_000 },
  ]);
  await dataSource.getRepository(VisitPhoto).insert([
    { visitId: id('v', 1), sha256: 'b'.repeat(64), position: 1 },
    { visitId: id('v', 1), sha256: 'a'.repeat(64), position: 0 },
  ]);
  return { jkt, bdg, ani, bayu, cici };
}

describe.each(testEngines())('MonitoringRepository on %s', (engine) => {
  let database: MigratedDatabase;
  let repository: MonitoringRepository;
  let ids: Awaited<ReturnType<typeof seed>>;

  beforeAll(async () => {
    database = await openMigratedDatabase(engine);
    repository = new MonitoringRepository(new TransactionRunner(database.dataSource, new StorageHealthService(database.dataSource, loadConfig({}))));
    ids = await seed(database.dataSource);
  });

  afterAll(async () => {
    await database?.close();
  });

  it("sums each collector's day within the branch, ignoring other days", async () => {
    const progress = await repository.progress({ workDate: DAY, branchId: ids.jkt });
    expect(progress.map((line) => line.collector.username)).toEqual(['ani', 'bayu']);
    expect(progress[0]).toEqual({
      collector: { id: ids.ani, username: 'ani', fullName: 'ANI', active: true },
      branchCode: 'JKT01',
      assigned: 3,
      visited: 2,
      visits: 3,
      paidAmount: 2_500_000_000,
      promisedAmount: 300_000,
      visitsByResult: { PAID: 1, PTP: 1, NOT_MET: 1 },
      lastSyncAt: at(DAY, '11:05:00').toISOString(),
      lastPosition: { lat: -6.103, lng: 106.803, accuracy: 8, at: at(DAY, '11:00:00').toISOString() },
    });
    expect(progress[1]).toMatchObject({
      assigned: 2,
      visited: 1,
      visits: 1,
      paidAmount: 100_000,
      promisedAmount: 0,
      visitsByResult: { PARTIAL: 1 },
      lastSyncAt: null,
      lastPosition: null,
    });
  });

  it('gives admins every branch and an empty day zeros', async () => {
    const all = await repository.progress({ workDate: DAY, branchId: null });
    expect(all.map((line) => [line.collector.username, line.branchCode])).toEqual([
      ['ani', 'JKT01'],
      ['bayu', 'JKT01'],
      ['cici', 'BDG01'],
    ]);
    const quiet = await repository.progress({ workDate: '2026-11-21', branchId: ids.bdg });
    expect(quiet).toEqual([
      expect.objectContaining({
        assigned: 0,
        visited: 0,
        visits: 0,
        paidAmount: 0,
        promisedAmount: 0,
        visitsByResult: {},
        lastSyncAt: null,
        lastPosition: null,
      }),
    ]);
  });

  it('pages visits newest first, ties broken by id, with a total', async () => {
    const first = await repository.visits({ branchId: ids.jkt, from: DAY, to: DAY, limit: 2, offset: 0 });
    expect(first.total).toBe(4);
    expect(first.items.map((visit) => visit.id)).toEqual([id('v', 4), id('v', 3)]);
    const second = await repository.visits({ branchId: ids.jkt, from: DAY, to: DAY, limit: 2, offset: 2 });
    expect(second.items.map((visit) => visit.id)).toEqual([id('v', 2), id('v', 1)]);
    expect(second.items[1]).toEqual({
      id: id('v', 1),
      workDate: DAY,
      visitedAt: at(DAY, '09:00:00').toISOString(),
      receivedAt: at(DAY, '12:00:00').toISOString(),
      resultCode: 'PAID',
      branchCode: 'JKT01',
      collector: { id: ids.ani, username: 'ani', fullName: 'ANI' },
      account: { id: id('a', 1), contractNo: 'K-1', debtorName: 'Debtor 1' },
      payment: { amount: 2_500_000_000, receiptNo: 'KWA000001' },
      promise: null,
      location: { lat: -6.101, lng: 106.801, accuracy: 6 },
      notes: 'note 1',
      photosExpected: 2,
      photoHashes: ['a'.repeat(64), 'b'.repeat(64)],
    });
    expect(second.items[0].promise).toEqual({ date: '2026-11-22', amount: 300_000 });
  });

  it('filters visits by collector, result code, date range and branch', async () => {
    const byCollector = await repository.visits({ branchId: ids.jkt, from: DAY, to: DAY, collectorId: ids.bayu, limit: 50, offset: 0 });
    expect(byCollector.items.map((visit) => visit.id)).toEqual([id('v', 4)]);
    const byCode = await repository.visits({ branchId: null, from: DAY, to: DAY, resultCode: 'PTP', limit: 50, offset: 0 });
    expect(byCode.items.map((visit) => visit.id)).toEqual([id('v', 2), id('v', 5)]);
    const twoDays = await repository.visits({ branchId: ids.jkt, from: DAY_BEFORE, to: DAY, collectorId: ids.ani, limit: 50, offset: 0 });
    expect(twoDays.total).toBe(4);
    expect(twoDays.items.at(-1)?.id).toBe(id('v', 6));
    const otherBranch = await repository.visits({ branchId: ids.bdg, from: DAY, to: DAY, collectorId: ids.ani, limit: 50, offset: 0 });
    expect(otherBranch).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
  });

  it('lists only the visits named, within the filter', async () => {
    const named = await repository.visits({ branchId: ids.jkt, from: DAY, to: DAY, visitIds: [id('v', 1), id('v', 4), id('v', 5)], limit: 50, offset: 0 });
    expect(named.items.map((visit) => visit.id)).toEqual([id('v', 4), id('v', 1)]);
    expect(named.total).toBe(2);
  });

  it("gives each visit's expected photos, in photo order, newest visit first, within the filter or for the visits named", async () => {
    expect(await repository.expectedPhotos({ branchId: ids.jkt, from: DAY, to: DAY })).toEqual([
      { visitId: id('v', 1), collectorId: ids.ani, sha256s: ['a'.repeat(64), 'b'.repeat(64)] },
    ]);
    expect(await repository.expectedPhotos({ branchId: ids.bdg, from: DAY, to: DAY })).toEqual([]);
    expect(await repository.expectedPhotos({ branchId: ids.jkt, from: DAY, to: DAY, resultCode: 'PTP' })).toEqual([]);
    expect(await repository.expectedPhotos({ branchId: null, from: DAY, to: DAY, collectorId: ids.bayu })).toEqual([]);
    expect((await repository.expectedPhotos({ branchId: null, visitIds: [id('v', 1), id('v', 2)] })).map((visit) => visit.visitId)).toEqual([id('v', 1)]);
    expect(await repository.expectedPhotos({ branchId: null, visitIds: [] })).toEqual([]);
  });

  it('reads one visit in full, and nothing outside the scope', async () => {
    const visit = await repository.visit({ visitId: id('v', 1), branchId: ids.jkt });
    expect(visit).toMatchObject({
      id: id('v', 1),
      batchId: id('t', 1),
      assignmentId: id('s', 1),
      resultCode: 'PAID',
      resultLabel: 'PAID label',
      notes: 'note 1',
      account: {
        contractNo: 'K-1',
        address: 'Jalan 1',
        phone: '08121',
        installmentAmount: 1_000_000,
        amountDue: 2_000_000,
        overdueDays: 10,
        outstanding: 9_000_000_001,
      },
      payment: { amount: 2_500_000_000, receiptNo: 'KWA000001' },
      photos: [
        { sha256: 'a'.repeat(64), position: 0 },
        { sha256: 'b'.repeat(64), position: 1 },
      ],
    });
    expect(await repository.visit({ visitId: id('v', 1), branchId: ids.bdg })).toBeNull();
    expect((await repository.visit({ visitId: id('v', 1), branchId: null }))?.id).toBe(id('v', 1));
    expect(await repository.visit({ visitId: id('v', 99), branchId: null })).toBeNull();
  });

  it('lists promises falling due in a range, earliest first, within the branch', async () => {
    const jakarta = await repository.promisesDue({ branchId: ids.jkt, from: DAY, to: '2026-11-22', limit: 50, offset: 0 });
    expect(jakarta.items).toEqual([
      {
        visitId: id('v', 2),
        promisedDate: '2026-11-22',
        amount: 300_000,
        madeAt: at(DAY, '10:00:00').toISOString(),
        branchCode: 'JKT01',
        collector: { id: ids.ani, username: 'ani', fullName: 'ANI' },
        account: { id: id('a', 2), contractNo: 'K-2', debtorName: 'Debtor 2', address: 'Jalan 2', phone: '08122' },
      },
    ]);
    const all = await repository.promisesDue({ branchId: null, from: DAY, to: '2026-11-22', limit: 50, offset: 0 });
    expect(all.items.map((promise) => promise.promisedDate)).toEqual([DAY, '2026-11-22']);
    const notYet = await repository.promisesDue({ branchId: null, from: DAY, to: '2026-11-21', limit: 50, offset: 0 });
    expect(notYet.total).toBe(1);
  });
});
