import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { loadConfig } from '#libs/config';
import { AuditEntry, CoreOutPromise } from '#libs/entities';
import { openMigratedDatabase, type MigratedDatabase } from '../../../../../test/support/migrated-database.js';
import { testEngines } from '../../../../../test/support/test-database.js';
import { StorageHealthService } from '../../persistence/storage-health.service.js';
import { TransactionRunner } from '../../persistence/transaction.runner.js';
import { CoreOutboundRepository } from './core-outbound.repository.js';

const ADMIN = randomUUID();

/** Promise rows written a second apart, oldest first. */
function promises(count: number): CoreOutPromise[] {
  const start = Date.parse('2026-12-02T01:00:00Z');
  return Array.from({ length: count }, (_, n) => ({
    id: randomUUID(),
    visitId: randomUUID(),
    promisedDate: '2026-12-05',
    amount: 1_000_000 + n,
    workDate: '2026-12-02',
    collectorUsername: 'collector1',
    branchCode: 'JKT01',
    accountNo: String(100000000000 + n),
    createdAt: new Date(start + n * 1000),
    ackedAt: null,
  }));
}

describe.each(testEngines())('CoreOutboundRepository on %s', (engine) => {
  let database: MigratedDatabase;
  let repository: CoreOutboundRepository;

  beforeAll(async () => {
    database = await openMigratedDatabase(engine);
    const { dataSource } = database;
    const config = loadConfig({ DATA_DIR: '/nonexistent' });
    repository = new CoreOutboundRepository(new TransactionRunner(dataSource, new StorageHealthService(dataSource, config)), config);
  });

  afterAll(async () => {
    await database?.close();
  });

  beforeEach(async () => {
    await database.dataSource.getRepository(CoreOutPromise).clear();
  });

  it('takes the oldest pending rows, keyed by column, with the count of all pending', async () => {
    const written = promises(5);
    await database.dataSource.getRepository(CoreOutPromise).insert([...written].reverse());

    const taken = await repository.take('promises', 2);
    expect(taken.columns).toEqual(['id', 'visit_id', 'promised_date', 'amount', 'work_date', 'collector_username', 'branch_code', 'account_no', 'created_at']);
    expect(taken.rows.map((row) => row.id)).toEqual([written[0].id, written[1].id]);
    expect(taken.rows[0]).toMatchObject({ amount: 1_000_000, promised_date: '2026-12-05', created_at: '2026-12-02T01:00:00.000Z' });
    expect(taken.pending).toBe(5);
    expect((await repository.take('promises', 2)).rows).toEqual(taken.rows);
  });

  it('hands out the same page as a CSV file, whose fields are the values the rows are taken with', async () => {
    const written = promises(3);
    written[1].accountNo = '0012, "lama"';
    await database.dataSource.getRepository(CoreOutPromise).insert(written);

    const taken = await repository.take('promises', 5000);
    const page = await repository.takeCsv('promises', 2);

    expect(page).toMatchObject({ kind: 'promises', pending: 3 });
    const [header] = page.csv.toString('utf8').split('\n');
    expect(header.split(',')).toEqual(taken.columns);
    const stringified = taken.rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([column, value]) => [column, value === null ? '' : String(value)])),
    );
    expect(parse(page.csv, { columns: true })).toEqual(stringified.slice(0, 2));
    expect((await repository.takeCsv('promises', 5000)).pending).toBe(3);
  });

  it('acknowledges by id in chunks, once, and never hands an acknowledged row out again', async () => {
    const written = promises(2500);
    for (let start = 0; start < written.length; start += 500) {
      await database.dataSource.getRepository(CoreOutPromise).insert(written.slice(start, start + 500));
    }
    const ids = written.slice(0, 2400).map((row) => row.id);

    expect(await repository.acknowledge(ADMIN, 'promises', ids)).toEqual({ kind: 'promises', acknowledged: 2400 });
    expect(await repository.acknowledge(ADMIN, 'promises', [...ids.slice(0, 10), randomUUID()])).toEqual({ kind: 'promises', acknowledged: 0 });

    const left = await repository.take('promises', 5000);
    expect(left.rows.map((row) => row.id)).toEqual(written.slice(2400).map((row) => row.id));
    expect(left.pending).toBe(100);
    const audit = await database.dataSource.getRepository(AuditEntry).find({ where: { action: 'coreOutbound.acknowledge' }, order: { id: 'ASC' } });
    expect(audit.slice(-2).map((entry) => JSON.parse(entry.details!))).toEqual([
      { requested: 2400, acknowledged: 2400 },
      { requested: 11, acknowledged: 0 },
    ]);
  });
});
