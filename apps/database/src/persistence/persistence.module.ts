import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '#libs/config';
import { dataSourceOptions } from '#libs/entities';
import { StorageHealthService } from './storage-health.service.js';
import { TransactionRunner } from './transaction.runner.js';

/** Opens the staging database, applies pending migrations, and offers transactions and the state of their storage. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config), migrationsRun: true }),
    }),
  ],
  providers: [TransactionRunner, StorageHealthService],
  exports: [TransactionRunner, StorageHealthService],
})
export class PersistenceModule {}
