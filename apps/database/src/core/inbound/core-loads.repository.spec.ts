import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '#libs/config';
import { CoreLoad, CoreLoadError, type CoreLoadStatus } from '#libs/entities';
import { openMigratedDatabase, type MigratedDatabase } from '../../../../../test/support/migrated-database.js';
import { testEngines } from '../../../../../test/support/test-database.js';
import { StorageHealthService } from '../../persistence/storage-health.service.js';
import { TransactionRunner } from '../../persistence/transaction.runner.js';
import { CoreLoadsRepository } from './core-loads.repository.js';

const ACCOUNT_HEADER = ['branch_code', 'account_no', 'debtor_name', 'address', 'phone', 'installment', 'outstanding', 'amount_due', 'days_past_due'];

describe.each(testEngines())('rows added to a core load over the files route on %s', (engine) => {
  let database: MigratedDatabase;
  let repository: CoreLoadsRepository;
  let loads = 0;

  async function newLoad(status: CoreLoadStatus = 'loading'): Promise<string> {
    const id = `load-${(loads += 1)}`;
    await database.dataSource.manager.insert(CoreLoad, {
      id,
      kind: 'daily',
      workDate: '2026-12-02',
      declaredRows: 0,
      status,
      acceptBadRows: false,
      createdAt: new Date(),
    });
    return id;
  }

  const accountRecords = (lines: string[]) => Buffer.from(lines.map((line) => `${line}\r\n`).join(''));

  beforeAll(async () => {
    database = await openMigratedDatabase(engine);
    repository = new CoreLoadsRepository(new TransactionRunner(database.dataSource, new StorageHealthService(database.dataSource, loadConfig({}))));
  });

  afterAll(async () => {
    await database?.close();
  });

  it("stores each cell in its column whatever the file's column order, numbers as numbers, and a cell that is no whole number as an error", async () => {
    const loadId = await newLoad();
    const records = accountRecords(['JKT01,A-1,"Siti, Aminah",Jl. Melati 2,0812,500000,7500000000,1000000,30', 'BDG01,A-2,Budi,,0813,5e5,1,2,']);
    expect(await repository.appendRows({ loadId, table: 'account', columns: ACCOUNT_HEADER, firstRowNo: 11, records })).toEqual({ received: 2 });
    const rows = await database.dataSource.query(
      `SELECT row_no, account_no, debtor_name, address, product, installment, outstanding, days_past_due, branch_code, latitude FROM core_account_row WHERE load_id = '${loadId}' ORDER BY row_no`,
    );
    // PostgreSQL hands big integers back as text.
    const number = (value: unknown) => (value === null ? null : Number(value));
    const stored = rows.map((row: Record<string, unknown>) => ({
      ...row,
      installment: number(row.installment),
      outstanding: number(row.outstanding),
      days_past_due: number(row.days_past_due),
    }));
    expect(stored).toEqual([
      {
        row_no: 11,
        account_no: 'A-1',
        debtor_name: 'Siti, Aminah',
        address: 'Jl. Melati 2',
        product: null,
        installment: 500000,
        outstanding: 7_500_000_000,
        days_past_due: 30,
        branch_code: 'JKT01',
        latitude: null,
      },
      {
        row_no: 12,
        account_no: 'A-2',
        debtor_name: 'Budi',
        address: null,
        product: null,
        installment: null,
        outstanding: 1,
        days_past_due: null,
        branch_code: 'BDG01',
        latitude: null,
      },
    ]);
    const errors = await database.dataSource.getRepository(CoreLoadError).findBy({ loadId });
    expect(errors.map((error) => [error.tableName, error.rowNo, error.field, error.code])).toEqual([['account', 12, 'installment', 'not-a-number']]);
  });

  it('stores a chunk of more rows than one statement binds, each once and numbered in order', async () => {
    const loadId = await newLoad();
    const count = 5000;
    const records = Buffer.from(Array.from({ length: count }, (_, n) => `2026-12-02,KOL${n % 7},A-${n},${n + 1}\n`).join(''));
    const columns = ['work_date', 'employee_code', 'account_no', 'visit_order'];
    expect(await repository.appendRows({ loadId, table: 'assignment', columns, firstRowNo: 1, records })).toEqual({ received: count });
    const [summary] = await database.dataSource.query(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT account_no) AS accounts, MIN(row_no) AS first, MAX(row_no) AS last, SUM(visit_order - row_no) AS drift FROM core_assignment_row WHERE load_id = '${loadId}'`,
    );
    expect([summary.n, summary.accounts, summary.first, summary.last, summary.drift].map(Number)).toEqual([count, count, 1, count, 0]);
  });

  it('refuses a record with another number of cells than the header, and stores nothing of its chunk', async () => {
    const loadId = await newLoad();
    const records = accountRecords(['JKT01,A-1,Siti,Jl. Melati 2,0812,1,2,3,4', 'JKT01,A-2,Budi,Jl. Mawar 3,0813,1,2,3']);
    await expect(repository.appendRows({ loadId, table: 'account', columns: ACCOUNT_HEADER, firstRowNo: 1, records })).rejects.toMatchObject({
      problem: { status: 400 },
      message: 'The file cannot be read: row 2 has 8 cells; the header names 9',
    });
    expect(Number((await database.dataSource.query(`SELECT COUNT(*) AS n FROM core_account_row WHERE load_id = '${loadId}'`))[0].n)).toBe(0);
  });

  it('refuses rows for a load that is no longer loading', async () => {
    const loadId = await newLoad('ready');
    const records = accountRecords(['JKT01,A-1,Siti,Jl. Melati 2,0812,1,2,3,4']);
    await expect(repository.appendRows({ loadId, table: 'account', columns: ACCOUNT_HEADER, firstRowNo: 1, records })).rejects.toMatchObject({
      problem: { status: 409 },
    });
  });
});
