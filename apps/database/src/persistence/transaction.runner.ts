import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { endAbandonedTransaction } from './sqlite-connection.js';
import { storageProblemOf } from './storage-failure.js';
import { StorageHealthService } from './storage-health.service.js';

/**
 * Runs a unit of work in one database transaction. SQLite has a single
 * connection that cannot nest transactions, so there they run one after
 * another; PostgreSQL and SQL Server run them side by side on the pool.
 *
 * A unit whose storage fails (a full disk) answers the `storage-full`
 * problem, never success, and never leaves a transaction open for the next.
 */
@Injectable()
export class TransactionRunner {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: StorageHealthService,
  ) {}

  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const transaction = () => this.dataSource.transaction(work);
    try {
      const result = await (this.sharesOneConnection ? this.enqueue(transaction) : transaction());
      this.storage.committed();
      return result;
    } catch (error) {
      throw this.translated(error);
    }
  }

  /**
   * Runs reads that must see only committed data. On SQLite a read slipped in
   * between the statements of a queued transaction would see its uncommitted
   * rows, so reads wait their turn there; elsewhere they run at once.
   */
  async read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await (this.sharesOneConnection ? this.enqueue(() => work(this.dataSource.manager)) : work(this.dataSource.manager));
    } catch (error) {
      throw this.translated(error);
    }
  }

  private get sharesOneConnection(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  /** Each turn ends with no transaction open, whatever its COMMIT or ROLLBACK did, before the next one starts. */
  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(async () => {
      try {
        return await work();
      } catch (error) {
        endAbandonedTransaction(this.dataSource);
        throw error;
      }
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private translated(error: unknown): unknown {
    const problem = storageProblemOf(error);
    if (!problem) return error;
    this.storage.failed(problem, error);
    return problem;
  }
}
