import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { ProblemError } from '#libs/common';
import { loadConfig } from '#libs/config';
import { Assignment, Branch } from '#libs/entities';
import { openMigratedDatabase, type MigratedDatabase } from '../../../../test/support/migrated-database.js';
import { StorageHealthService } from './storage-health.service.js';
import { TransactionRunner } from './transaction.runner.js';

const branch = (code: string): Branch => ({ id: `branch-${code}`, code, name: `Branch ${code}`, createdAt: new Date('2026-11-01T00:00:00Z') });

/** The answer of each unit: its value, or its error's problem code or driver code. */
async function answersOf(units: Promise<unknown>[]): Promise<unknown[]> {
  const settled = await Promise.allSettled(units);
  return settled.map((result) => {
    if (result.status === 'fulfilled') return result.value;
    const error = result.reason as unknown;
    if (error instanceof ProblemError) return `problem ${error.problem.code}`;
    if (error instanceof QueryFailedError) return `failed ${String((error.driverError as { code?: string }).code)}`;
    return `failed ${String(error)}`;
  });
}

describe('TransactionRunner on SQLite: group commit', () => {
  let database: MigratedDatabase;
  let runner: TransactionRunner;
  let transactions: jest.SpiedFunction<MigratedDatabase['dataSource']['transaction']>;

  const store = (code: string) =>
    runner.run(async (manager) => {
      await manager.insert(Branch, branch(code));
      return code;
    });
  const storedCodes = async () => (await runner.read((manager) => manager.find(Branch, { order: { code: 'ASC' } }))).map((row) => row.code);
  const inTransaction = () => (database.dataSource.driver as unknown as { databaseConnection: { inTransaction: boolean } }).databaseConnection.inTransaction;

  beforeAll(async () => {
    database = await openMigratedDatabase('sqlite');
    const { dataSource } = database;
    runner = new TransactionRunner(dataSource, new StorageHealthService(dataSource, loadConfig({ DATA_DIR: '/nonexistent' })));
    transactions = jest.spyOn(dataSource, 'transaction');
  });

  afterAll(async () => {
    await database?.close();
  });

  beforeEach(async () => {
    await database.dataSource.getRepository(Branch).clear();
    transactions.mockClear();
  });

  it('runs the units waiting at one moment in one transaction, each answered with its own value', async () => {
    expect(await answersOf(['A', 'B', 'C', 'D'].map(store))).toEqual(['A', 'B', 'C', 'D']);
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(await storedCodes()).toEqual(['A', 'B', 'C', 'D']);
  });

  it('runs a unit that arrives after a group committed in a transaction of its own', async () => {
    await store('A');
    expect(await answersOf([store('B')])).toEqual(['B']);
    expect(transactions).toHaveBeenCalledTimes(2);
  });

  it('undoes only the statements of a failing unit, which answers its own error, and commits the others', async () => {
    const first = store('A');
    const failing = runner.run(async (manager: EntityManager) => {
      await manager.insert(Branch, branch('X'));
      throw ProblemError.conflict('no-open-batch', 'refused after a write');
    });
    expect(await answersOf([first, failing, store('A'), store('B')])).toEqual(['A', 'problem no-open-batch', 'failed SQLITE_CONSTRAINT_UNIQUE', 'B']);
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(await storedCodes()).toEqual(['A', 'B']);
  });

  it('fails every unit of the group when the shared COMMIT fails, stores none of them, and leaves no transaction open', async () => {
    // A foreign key checked only at COMMIT: the unit itself succeeds, the group's COMMIT does not.
    const breaksAtCommit = runner.run(async (manager) => {
      await manager.query('PRAGMA defer_foreign_keys = ON');
      await manager.insert(Assignment, { id: 'orphan', worklistId: 'none', accountId: 'none', collectorId: 'none', sequence: 1, amountDue: 1, overdueDays: 1 });
      return 'orphan';
    });
    expect(await answersOf([store('A'), breaksAtCommit, store('B')])).toEqual([
      'failed SQLITE_CONSTRAINT_FOREIGNKEY',
      'failed SQLITE_CONSTRAINT_FOREIGNKEY',
      'failed SQLITE_CONSTRAINT_FOREIGNKEY',
    ]);
    expect(inTransaction()).toBe(false);
    expect(await storedCodes()).toEqual([]);
    expect(await answersOf([store('C')])).toEqual(['C']);
    expect(await storedCodes()).toEqual(['C']);
  });

  it('lets a read queued after a group see its rows only once committed, and a unit after the read wait for it', async () => {
    const stored = store('A');
    const read = storedCodes();
    const later = store('B');
    expect(await answersOf([stored, read, later])).toEqual(['A', ['A'], 'B']);
    expect(transactions).toHaveBeenCalledTimes(2);
  });
});
