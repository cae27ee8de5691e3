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
    if (!this.sharesOneConnection) return this.dataSource.transaction(work);
    return this.enqueue(() => this.dataSource.transaction(work));
  }

  /**
   * Runs reads that must see only committed data. On SQLite a read slipped in
   * between the statements of a queued transaction would see its uncommitted
   * rows, so reads wait their turn there; elsewhere they run at once.
   */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.sharesOneConnection) return work(this.dataSource.manager);
    return this.enqueue(() => work(this.dataSource.manager));
  }

  private get sharesOneConnection(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(work);
    this.queue = turn.catch(() => undefined);
    return turn;
  }
}
