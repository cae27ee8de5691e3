import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';
import { loadConfig } from '#libs/config';
import { Branch, User } from '#libs/entities';
import { openMigratedDatabase, type MigratedDatabase } from '../../../../test/support/migrated-database.js';
import { testEngines } from '../../../../test/support/test-database.js';
import { AuditRepository } from '../audit/audit.repository.js';
import { recordAudit } from '../audit/audit-trail.js';
import { BranchesRepository } from '../branches/branches.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import { StorageHealthService } from './storage-health.service.js';
import { TransactionRunner } from './transaction.runner.js';

/** How long a read is given to answer while the transaction is still open, before it rolls back. */
const READ_WINDOW_MS = 200;
const created = new Date('2026-11-01T00:00:00Z');

describe.each(testEngines())('a read while a write is about to roll back, on %s', (engine) => {
  let database: MigratedDatabase;
  let transactions: TransactionRunner;

  beforeAll(async () => {
    database = await openMigratedDatabase(engine);
    transactions = new TransactionRunner(database.dataSource, new StorageHealthService(database.dataSource, loadConfig({})));
  });

  afterAll(async () => {
    await database?.close();
  });

  /**
   * Runs `write` in a transaction that fails once `read` has been issued and
   * given time to answer, and returns what the read saw.
   */
  async function readDuringDoomedWrite<T>(write: (manager: EntityManager) => Promise<unknown>, read: () => Promise<T>): Promise<T> {
    let written!: () => void;
    let rollBack!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const doomed = transactions.run(async (manager) => {
      await write(manager);
      written();
      await new Promise<void>((resolve) => (rollBack = resolve));
      throw new Error('the unit of work failed after its writes');
    });
    await wrote;
    const seen = read();
    await Promise.race([seen, sleep(READ_WINDOW_MS)]);
    rollBack();
    await expect(doomed).rejects.toThrow('the unit of work failed after its writes');
    return seen;
  }

  it('never sees the row the transaction inserted', async () => {
    const branches = new BranchesRepository(transactions);
    const seen = await readDuringDoomedWrite(
      (manager) => manager.insert(Branch, { id: 'b-doomed', code: 'DOOM1', name: 'Doomed', createdAt: created }),
      () => branches.findByCode('DOOM1'),
    );
    expect(seen).toBeNull();
    expect(await branches.findByCode('DOOM1')).toBeNull();
  });

  it('never sees a user, nor the audit entry, that the transaction wrote', async () => {
    const users = new UsersRepository(transactions);
    const audit = new AuditRepository(transactions);
    const seen = await readDuringDoomedWrite(
      async (manager) => {
        await manager.insert(User, {
          id: 'u-doomed',
          username: 'doomed',
          fullName: 'Doomed',
          passwordHash: 'x',
          role: 'collector',
          branchId: null,
          active: true,
          mayBindDevices: true,
          createdAt: created,
          updatedAt: created,
        });
        await recordAudit(manager, { actorId: 'u-doomed', action: 'user.create', subjectType: 'user', subjectId: 'u-doomed' });
      },
      () => Promise.all([users.findByUsername('doomed'), audit.list({ subjectId: 'u-doomed', limit: 10, offset: 0 })]),
    );
    expect(seen[0]).toBeNull();
    expect(seen[1].total).toBe(0);
  });
});
