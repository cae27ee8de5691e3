import type { EntityManager } from 'typeorm';
import { SqlDialect } from './sql.dialect.js';

/**
 * Runs `work` under a savepoint of the open transaction: when it fails, only
 * its own statements are undone and its error is thrown on, and the
 * transaction goes on for the work around it. SQL Server names savepoints
 * with SAVE TRANSACTION and has no RELEASE. Its statements are prepared
 * writes: a visit upload takes a savepoint for every visit.
 */
export async function underSavepoint<T>(manager: EntityManager, name: string, work: () => Promise<T>): Promise<T> {
  const sql = new SqlDialect(manager);
  await sql.write(sql.isSqlServer ? `SAVE TRANSACTION ${name}` : `SAVEPOINT ${name}`);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await rollBackTo(sql, name);
    throw error;
  }
  if (!sql.isSqlServer) await sql.write(`RELEASE SAVEPOINT ${name}`);
  return result;
}

/**
 * When the engine already ended the whole transaction (SQLite may, on a full
 * disk), there is no savepoint left to return to; the work's own error is the
 * one to answer, and the transaction's end reports the rest.
 */
async function rollBackTo(sql: SqlDialect, name: string): Promise<void> {
  try {
    await sql.write(sql.isSqlServer ? `ROLLBACK TRANSACTION ${name}` : `ROLLBACK TO SAVEPOINT ${name}`);
    if (!sql.isSqlServer) await sql.write(`RELEASE SAVEPOINT ${name}`);
  } catch {
    return;
  }
}
