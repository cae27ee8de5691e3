import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '#libs/config';
import { dataSourceOptions } from '#libs/entities';
import { SqliteOwnerLock } from './sqlite-owner.lock.js';
import { StorageHealthService } from './storage-health.service.js';
import { TransactionRunner } from './transaction.runner.js';

/** Holds the SQLite database for this one service (see `SqliteOwnerLock`). */
@Module({ providers: [SqliteOwnerLock], exports: [SqliteOwnerLock] })
class SqliteOwnerModule {}

/** Opens the staging database, applies pending migrations, and offers transactions and the state of their storage. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [SqliteOwnerModule],
      // The owner lock comes first: a second database service on one SQLite file stops before it opens it.
      inject: [AppConfig, SqliteOwnerLock],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config), migrationsRun: true }),
    }),
  ],
  providers: [TransactionRunner, StorageHealthService],
  exports: [TransactionRunner, StorageHealthService],
})
export class PersistenceModule {}
