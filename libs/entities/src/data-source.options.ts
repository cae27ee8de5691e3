import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '#libs/config';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { PreparingPostgresClient } from './prepared-postgres.client.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** Pages of write-ahead log (4 KB each) after which SQLite copies them into the database file. */
const WAL_CHECKPOINT_PAGES = 10_000;

/**
 * The page cache of SQLite's temporary tables, in KB (SQLite's own default; the driver's build raises every cache to
 * 16 MB). Only a core load's apply makes one, of every assignment line it applies, written once and read back once in
 * index order: 16 MB of its pages stayed in the process after the table was dropped, where the file they spill to is
 * the operating system's cache.
 */
const TEMP_CACHE_KB = 2000;

/** The SQLite database file: `DB_URL` when given, else `staging.sqlite` in the data directory. */
export function sqliteDatabaseFile(config: AppConfig): string {
  return config.dbUrl ?? join(config.dataDir, 'staging.sqlite');
}

/**
 * The one description of the staging database for every engine. Migrations
 * own the schema: `synchronize` is never on.
 */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsTransactionMode: 'each',
  } as const;
  switch (config.dbType) {
    case 'sqlite':
      return {
        ...common,
        type: 'better-sqlite3',
        database: sqliteDatabaseFile(config),
        enableWAL: true,
        prepareDatabase: (db: { pragma(source: string): unknown }) => {
          db.pragma('busy_timeout = 5000');
          db.pragma('foreign_keys = ON');
          db.pragma(`synchronous = ${config.sqliteSynchronous.toUpperCase()}`);
          // A visit upload's commit dirties a page of every key its rows land in; copying them into the database
          // (a checkpoint, with its own fsync) after every 40 MB of log instead of every 4 MB copies each hot page once
          // for many commits. Each commit is still durable in the log before it is confirmed.
          db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
          db.pragma(`temp.cache_size = -${TEMP_CACHE_KB}`);
        },
      };
    case 'postgres':
      return { ...common, type: 'postgres', url: config.dbUrl, extra: { max: 10, Client: PreparingPostgresClient } };
    case 'mssql':
      return { ...common, type: 'mssql', url: config.dbUrl, options: { encrypt: true, trustServerCertificate: false }, pool: { max: 10 } };
  }
}
