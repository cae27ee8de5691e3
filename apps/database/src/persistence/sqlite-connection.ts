import type { DataSource } from 'typeorm';
import type { AbstractSqliteDriver } from 'typeorm/driver/sqlite-abstract/AbstractSqliteDriver.js';

/** What is used here of better-sqlite3's connection. */
interface SqliteConnection {
  readonly inTransaction: boolean;
  exec(sql: string): unknown;
}

/**
 * Ends whatever a failed unit of work left open on SQLite's one connection.
 *
 * When a COMMIT fails (SQLITE_FULL), SQLite may roll the transaction back by
 * itself; TypeORM's ROLLBACK then fails in turn and its query runner goes on
 * believing a transaction is open. It would run the next unit inside a
 * SAVEPOINT of a transaction that is never committed: confirmed to the
 * caller, visible on this connection, gone at the next restart. Here the
 * connection is rolled back if it is still in a transaction, and a query
 * runner that lost count is dropped, so the next unit gets a fresh one (as
 * after a reconnect) and starts a real transaction.
 */
export function endAbandonedTransaction(dataSource: DataSource): void {
  const driver = dataSource.driver as AbstractSqliteDriver;
  const connection = driver.databaseConnection as SqliteConnection;
  if (connection.inTransaction) connection.exec('ROLLBACK');
  if (driver.queryRunner?.isTransactionActive) driver.queryRunner = undefined;
}
