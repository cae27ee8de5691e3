import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppConfig, ConfigError } from '#libs/config';
import { sqliteDatabaseFile } from '#libs/entities';

/**
 * On SQLite the database service is one process: SQLite has one writer, and a
 * second service on the same file would only wait behind the first one's locks
 * with a transaction queue of its own. So the service holds an exclusive lock
 * on a small file beside the database for as long as it runs, and a second
 * one refuses to start. The lock is SQLite's own (POSIX advisory locks): the
 * operating system drops it when the process ends, however it ends, and it
 * holds across containers that share the data volume. Replicas of the
 * database service need PostgreSQL or SQL Server.
 */
@Injectable()
export class SqliteOwnerLock implements OnApplicationShutdown {
  private readonly lock: Database.Database | undefined;

  constructor(config: AppConfig) {
    if (config.dbType !== 'sqlite') return;
    const file = `${sqliteDatabaseFile(config)}.owner`;
    mkdirSync(dirname(file), { recursive: true });
    this.lock = new Database(file, { timeout: 0 });
    try {
      this.lock.pragma('locking_mode = EXCLUSIVE');
      this.lock.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      this.lock.close();
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
      throw new ConfigError(
        'DB_TYPE',
        `another database service already runs on ${sqliteDatabaseFile(config)}: SQLite allows one; replicas of the database service need PostgreSQL or SQL Server`,
      );
    }
  }

  onApplicationShutdown(): void {
    this.lock?.close();
  }
}
