import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { loadConfig } from '#libs/config';
import { Branch, CoreLoad, CoreLoadError, ReceiptRange, User, Worklist } from '#libs/entities';
import { openMigratedDatabase, type MigratedDatabase } from '../../../../../test/support/migrated-database.js';
import { testEngines } from '../../../../../test/support/test-database.js';
import { StorageHealthService } from '../../persistence/storage-health.service.js';
import { TransactionRunner } from '../../persistence/transaction.runner.js';
import { CoreLoadBridge } from './core-load.bridge.js';

const DAY = '2026-12-02';

/** An account row of load `loadId` as the core writes it. */
function accountRow(loadId: string, rowNo: number, accountNo: string | null, debtorName: string | null) {
  return {
    load_id: loadId,
    row_no: rowNo,
    account_no: accountNo,
    debtor_name: debtorName,
    address: 'Jl. Sudirman 1',
    phone: '0812',
    installment: 500_000,
    outstanding: 5_000_000,
    amount_due: 1_000_000,
    days_past_due: 30,
    branch_code: 'JKT01',
  };
}

describe.each(testEngines())('the core load bridge on %s', (engine) => {
  let database: MigratedDatabase;
  let bridge: CoreLoadBridge;
  let loads = 0;

  /** A load of `accounts` accounts for collector KOL1, with `badAccounts` of them missing their debtor's name. */
  async function writeLoad(accounts: number, badAccounts: number, options: { declared?: number; contentHash?: string } = {}): Promise<string> {
    const id = `load-${(loads += 1)}`;
    const manager = database.dataSource.manager;
    const rows = 2 * accounts;
    await manager.insert(CoreLoad, {
      id,
      kind: 'daily',
      workDate: DAY,
      declaredRows: options.declared ?? rows,
      status: 'loading',
      contentHash: options.contentHash ?? null,
      acceptBadRows: false,
      createdAt: new Date(),
    });
    const accountRows = Array.from({ length: accounts }, (_, n) => accountRow(id, n + 1, `${id}-A${n + 1}`, n < badAccounts ? null : `Debitur ${n + 1}`));
    const assignmentRows = accountRows.map((row, n) => ({
      load_id: id,
      row_no: n + 1,
      work_date: DAY,
      employee_code: 'KOL1',
      account_no: row.account_no,
      visit_order: n + 1,
    }));
    await manager.createQueryBuilder().insert().into('core_account_row', Object.keys(accountRows[0])).values(accountRows).execute();
    await manager.createQueryBuilder().insert().into('core_assignment_row', Object.keys(assignmentRows[0])).values(assignmentRows).execute();
    await manager.update(CoreLoad, { id }, { status: 'ready' });
    return id;
  }

  const loadOf = (id: string) => database.dataSource.manager.findOneByOrFail(CoreLoad, { id });

  beforeAll(async () => {
    database = await openMigratedDatabase(engine);
    const config = loadConfig({ CORE_MAX_BAD_ROWS_PERCENT: '5', CORE_RECEIPTS_PER_COLLECTOR: '250' });
    bridge = new CoreLoadBridge(new TransactionRunner(database.dataSource, new StorageHealthService(database.dataSource, config)), config);
    const now = new Date();
    await database.dataSource.getRepository(Branch).insert({ id: 'b1', code: 'JKT01', name: 'Jakarta', createdAt: now });
    await database.dataSource.getRepository(User).insert({
      id: 'u1',
      username: 'kol1',
      fullName: 'Kolektor Satu',
      passwordHash: 'x',
      role: 'collector',
      branchId: 'b1',
      active: true,
      employeeCode: 'KOL1',
      createdAt: now,
      updatedAt: now,
    });
  });

  afterAll(async () => {
    await database?.close();
  });

  it('applies a load with bad rows up to the allowed share, and lists the bad ones and those that depend on them', async () => {
    const id = await writeLoad(20, 1);
    await bridge.applyReadyLoads();
    // One bad account (1 of 40 rows, 2.5 %) makes its assignment bad too: 2 of 40 rows, 5 %, still allowed.
    expect(await loadOf(id)).toMatchObject({ status: 'applied', badRows: 2, worklistsChanged: 1 });
    const errors = await database.dataSource.getRepository(CoreLoadError).find({ where: { loadId: id }, order: { tableName: 'ASC' } });
    expect(errors.map((error) => [error.tableName, error.rowNo, error.field, error.code])).toEqual([
      ['account', 1, 'debtor_name', 'required'],
      ['assignment', 1, 'account_no', 'unknown-account'],
    ]);
  });

  it('holds a load over the allowed share and applies nothing of it', async () => {
    const id = await writeLoad(20, 2);
    await bridge.applyReadyLoads();
    expect(await loadOf(id)).toMatchObject({ status: 'held', badRows: 4, worklistsChanged: null });
    expect(await database.dataSource.getRepository(Worklist).countBy({ coreLoadId: id })).toBe(0);
  });

  it('fails a load whose tables hold another number of rows than its header declares', async () => {
    const id = await writeLoad(3, 0, { declared: 7 });
    await bridge.applyReadyLoads();
    expect(await loadOf(id)).toMatchObject({ status: 'failed', message: 'The header declares 7 rows; the tables hold 6' });
  });

  it('applies a load once when asked twice at the same time, and marks a load with the same content hash duplicate', async () => {
    const first = await writeLoad(3, 0, { contentHash: 'c'.repeat(64) });
    await Promise.all([bridge.applyReadyLoads(), bridge.applyReadyLoads()]);
    expect(await loadOf(first)).toMatchObject({ status: 'applied', worklistsChanged: 1 });
    expect(await database.dataSource.getRepository(Worklist).countBy({ coreLoadId: first })).toBe(1);

    const twin = await writeLoad(3, 0, { contentHash: 'c'.repeat(64) });
    await bridge.applyReadyLoads();
    expect(await loadOf(twin)).toMatchObject({ status: 'duplicate', duplicateOf: first });
  });

  it('marks each row that repeats an earlier row key as a duplicate, and no row whose key has an empty part', async () => {
    const id = 'load-repeats';
    const manager = database.dataSource.manager;
    await manager.insert(CoreLoad, { id, kind: 'daily', workDate: DAY, declaredRows: 12, status: 'loading', acceptBadRows: false, createdAt: new Date() });
    const collector = (rowNo: number, code: string | null) => ({
      load_id: id,
      row_no: rowNo,
      employee_code: code,
      full_name: 'Kolektor',
      branch_code: 'JKT01',
      active: 1,
    });
    const account = (rowNo: number, accountNo: string | null) => accountRow(id, rowNo, accountNo, 'Debitur');
    const assignment = (rowNo: number, code: string | null, accountNo: string | null) => ({
      load_id: id,
      row_no: rowNo,
      work_date: DAY,
      employee_code: code,
      account_no: accountNo,
      visit_order: rowNo,
    });
    const insert = (table: string, rows: Record<string, unknown>[]) =>
      manager.createQueryBuilder().insert().into(table, Object.keys(rows[0])).values(rows).execute();
    await insert('core_collector_row', [collector(1, 'KOL5'), collector(2, 'KOL5')]);
    await insert('core_account_row', [account(1, 'R-1'), account(2, 'R-2'), account(3, 'R-1'), account(4, null), account(5, null)]);
    await insert('core_assignment_row', [
      assignment(1, 'KOL1', 'R-1'),
      assignment(2, 'KOL1', 'R-2'),
      assignment(3, 'KOL1', 'R-1'),
      assignment(4, null, 'R-2'),
      assignment(5, null, 'R-2'),
    ]);
    await manager.update(CoreLoad, { id }, { status: 'ready' });
    await bridge.applyReadyLoads();
    const errors = await database.dataSource.getRepository(CoreLoadError).find({ where: { loadId: id } });
    const listed = errors.map((error) => [error.tableName, error.rowNo, error.field, error.code]);
    expect(listed.sort((a, b) => String(a).localeCompare(String(b)))).toEqual([
      ['account', 3, 'account_no', 'duplicate'],
      ['account', 4, 'account_no', 'required'],
      ['account', 5, 'account_no', 'required'],
      ['assignment', 3, 'account_no', 'duplicate'],
      ['assignment', 4, 'employee_code', 'unknown-collector'],
      ['assignment', 5, 'employee_code', 'unknown-collector'],
      ['collector', 2, 'employee_code', 'duplicate'],
    ]);
  });

  it('gives a collector the core creates a receipt range of its own, once, and leaves a collector that has one alone', async () => {
    const manager = database.dataSource.manager;
    await manager.insert(ReceiptRange, { id: 'r1', collectorId: 'u1', prefix: 'KWJ1', fromNo: 1, toNo: 100, active: true });
    for (const id of ['load-collectors-1', 'load-collectors-2']) {
      await manager.insert(CoreLoad, { id, kind: 'daily', workDate: DAY, declaredRows: 2, status: 'loading', acceptBadRows: false, createdAt: new Date() });
      const row = (rowNo: number, code: string) => ({
        load_id: id,
        row_no: rowNo,
        employee_code: code,
        full_name: 'Kolektor Baru',
        branch_code: 'JKT01',
        active: 1,
      });
      await manager
        .createQueryBuilder()
        .insert()
        .into('core_collector_row', Object.keys(row(1, 'KOL1')))
        .values([row(1, 'KOL1'), row(2, 'KOL77')])
        .execute();
      await manager.update(CoreLoad, { id }, { status: 'ready' });
      await bridge.applyReadyLoads();
      expect(await loadOf(id)).toMatchObject({ status: 'applied', badRows: 0 });
    }
    const created = await manager.findOneByOrFail(User, { employeeCode: 'KOL77' });
    const ranges = await manager.find(ReceiptRange, { where: [{ collectorId: 'u1' }, { collectorId: created.id }], order: { prefix: 'ASC' } });
    expect(ranges.map((range) => [range.collectorId, range.prefix, range.fromNo, range.toNo, range.active])).toEqual([
      [created.id, 'KOL77', 1, 250, true],
      ['u1', 'KWJ1', 1, 100, true],
    ]);
  });

  it('applies a load once when two bridges on two connections find it ready at the same time', async () => {
    const other = new DataSource(database.dataSource.options);
    await other.initialize();
    try {
      const config = loadConfig({});
      const second = new CoreLoadBridge(new TransactionRunner(other, new StorageHealthService(other, config)), config);
      const id = await writeLoad(30, 0);
      await Promise.all([bridge.applyReadyLoads(), second.applyReadyLoads()]);
      expect(await loadOf(id)).toMatchObject({ status: 'applied', worklistsChanged: 1 });
      expect(await database.dataSource.getRepository(Worklist).countBy({ coreLoadId: id })).toBe(1);
    } finally {
      await other.destroy();
    }
  }, 30000);
});
