import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ProblemError } from '#libs/common';
import { loadConfig, type AppConfig } from '#libs/config';
import { Branch, dataSourceOptions } from '#libs/entities';
import { problemOf } from '../../../../test/support/problems.js';
import { mountSmallDisk, smallDiskUnavailable, type SmallDisk } from '../../../../test/support/small-disk.js';
import { StorageHealthService } from './storage-health.service.js';
import { TransactionRunner } from './transaction.runner.js';

const unavailable = smallDiskUnavailable();
if (unavailable) console.warn(`TransactionRunner on a full disk: skipped, a tmpfs cannot be mounted here (${unavailable})`);

const branch = (n: number): Branch => ({ id: `branch-${n}`, code: `BR${n}`, name: `Branch ${n}`, createdAt: new Date('2026-11-01T00:00:00Z') });

(unavailable ? describe.skip : describe)('TransactionRunner on SQLite when the disk fills up', () => {
  let disk: SmallDisk;
  let config: AppConfig;
  let dataSource: DataSource;
  let storage: StorageHealthService;
  let runner: TransactionRunner;

  const store = (n: number) => runner.run((manager) => manager.insert(Branch, branch(n)));
  const storedCodes = async () => (await runner.read((manager) => manager.find(Branch, { order: { code: 'ASC' } }))).map((b) => b.code);
  const connection = () => (dataSource.driver as unknown as { databaseConnection: { inTransaction: boolean } }).databaseConnection;

  beforeAll(async () => {
    disk = mountSmallDisk(8);
    config = loadConfig({ DATA_DIR: join(disk.folder, 'data'), STORAGE_MIN_FREE_MB: '1' });
    dataSource = new DataSource(dataSourceOptions(config));
    await dataSource.initialize();
    await dataSource.runMigrations();
    storage = new StorageHealthService(dataSource, config);
    runner = new TransactionRunner(dataSource, storage);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    disk?.unmount();
  });

  it('stores while there is room', async () => {
    await store(1);
    await store(2);
    await expect(storage.assertWritable()).resolves.toBeUndefined();
  });

  it('answers every unit of work the disk has no room for as storage-full, and leaves no transaction open after it', async () => {
    disk.fill();
    const outcomes = [];
    for (const n of [3, 4, 5, 6]) {
      const answer = await store(n).then(
        () => 'stored',
        (error: unknown) => (error instanceof ProblemError ? `${error.problem.status} ${error.problem.code}` : String(error)),
      );
      outcomes.push({ answer, connectionInTransaction: connection().inTransaction, runnerInTransaction: dataSource.createQueryRunner().isTransactionActive });
    }
    expect(outcomes).toEqual(Array(4).fill({ answer: '507 storage-full', connectionInTransaction: false, runnerInTransaction: false }));
    expect(await storedCodes()).toEqual(['BR1', 'BR2']);
    expect((await problemOf(storage.assertWritable())).problem.code).toBe('storage-full');
  });

  it('stores again once space is freed, without reopening the database, and says so', async () => {
    disk.free();
    // The last failure stands until a write commits: free space alone does not prove the database can write.
    expect((await problemOf(storage.assertWritable())).problem.code).toBe('storage-full');
    await store(7);
    await expect(storage.assertWritable()).resolves.toBeUndefined();
    expect(await storedCodes()).toEqual(['BR1', 'BR2', 'BR7']);
  });

  it('holds after a reopen exactly what it confirmed', async () => {
    await dataSource.destroy();
    dataSource = new DataSource(dataSourceOptions(config));
    await dataSource.initialize();
    const codes = (await dataSource.manager.find(Branch, { order: { code: 'ASC' } })).map((b) => b.code);
    expect(codes).toEqual(['BR1', 'BR2', 'BR7']);
  });
});
