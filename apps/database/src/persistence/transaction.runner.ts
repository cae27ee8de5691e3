import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Runs a unit of work in one database transaction. SQLite has a single
 * connection that cannot nest transactions, so there they run one after
 * another; PostgreSQL and SQL Server run them side by side on the pool.
 */
@Injectable()
export class TransactionRunner {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dataSource.options.type !== 'better-sqlite3') return this.dataSource.transaction(work);
    const turn = this.queue.then(() => this.dataSource.transaction(work));
    this.queue = turn.catch(() => undefined);
    return turn;
  }
}
