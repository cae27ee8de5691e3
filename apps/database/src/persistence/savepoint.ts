import type { EntityManager } from 'typeorm';

/**
 * Runs `work` under a savepoint of the open transaction: when it fails, only
 * its own statements are undone and its error is thrown on, and the
 * transaction goes on for the work around it. SQL Server names savepoints
 * with SAVE TRANSACTION and has no RELEASE.
 */
export async function underSavepoint<T>(manager: EntityManager, name: string, work: () => Promise<T>): Promise<T> {
  const sqlServer = manager.connection.options.type === 'mssql';
  await manager.query(sqlServer ? `SAVE TRANSACTION ${name}` : `SAVEPOINT ${name}`);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await rollBackTo(manager, name, sqlServer);
    throw error;
  }
  if (!sqlServer) await manager.query(`RELEASE SAVEPOINT ${name}`);
  return result;
}

/**
 * When the engine already ended the whole transaction (SQLite may, on a full
 * disk), there is no savepoint left to return to; the work's own error is the
 * one to answer, and the transaction's end reports the rest.
 */
async function rollBackTo(manager: EntityManager, name: string, sqlServer: boolean): Promise<void> {
  try {
    await manager.query(sqlServer ? `ROLLBACK TRANSACTION ${name}` : `ROLLBACK TO SAVEPOINT ${name}`);
    if (!sqlServer) await manager.query(`RELEASE SAVEPOINT ${name}`);
  } catch {
    return;
  }
}
