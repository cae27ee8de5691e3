import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { underSavepoint } from './savepoint.js';
import { endAbandonedTransaction } from './sqlite-connection.js';
import { storageProblemOf } from './storage-failure.js';
import { StorageHealthService } from './storage-health.service.js';

type Work<T> = (manager: EntityManager) => Promise<T>;

/** A unit of work waiting in a group for the group's commit. */
interface PendingUnit {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type UnitResult = { value: unknown } | { error: unknown };

/**
 * Runs a unit of work in one database transaction. PostgreSQL and SQL Server
 * run them side by side on the pool, each with its own commit.
 *
 * SQLite has a single connection that cannot nest transactions, so there the
 * units queue, and those waiting at the same moment share one transaction
 * (group commit): one fsync for many requests. Each unit runs under its own
 * savepoint, so a unit that fails undoes only its own statements and
 * answers its own error; every unit is answered only after the shared COMMIT
 * succeeded, and a failed COMMIT fails them all.
 *
 * A unit whose storage fails (a full disk) answers the `storage-full`
 * problem, never success, and never leaves a transaction open for the next.
 */
@Injectable()
export class TransactionRunner {
  private queue: Promise<unknown> = Promise.resolve();
  /** The group at the tail of the queue that has not started yet: a unit arriving now joins it. */
  private gathering: PendingUnit[] | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: StorageHealthService,
  ) {}

  async run<T>(work: Work<T>): Promise<T> {
    if (this.sharesOneConnection) return this.joinGroup(work);
    try {
      const result = await this.dataSource.transaction(work);
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
  async read<T>(work: Work<T>): Promise<T> {
    try {
      return await (this.sharesOneConnection ? this.enqueue(() => work(this.dataSource.manager)) : work(this.dataSource.manager));
    } catch (error) {
      throw this.translated(error);
    }
  }

  private get sharesOneConnection(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  private joinGroup<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const unit: PendingUnit = { work, resolve, reject };
      if (this.gathering) {
        this.gathering.push(unit);
        return;
      }
      const group = [unit];
      this.enqueue(async () => {
        // Requests that arrived in the same turn of the event loop are still on their way here: let them join first.
        await new Promise((resolveTurn) => setImmediate(resolveTurn));
        if (this.gathering === group) this.gathering = null;
        await this.commitGroup(group);
      }).catch((error: unknown) => {
        // Only when even ending the failed transaction failed: no unit may wait for an answer that never comes.
        for (const waiting of group) waiting.reject(this.translated(error));
      });
      this.gathering = group;
    });
  }

  /** Settles every unit of the group; never throws. */
  private async commitGroup(units: PendingUnit[]): Promise<void> {
    const results: UnitResult[] = [];
    try {
      await this.dataSource.transaction(async (manager) => {
        for (const unit of units) results.push(await this.runUnit(manager, unit));
      });
    } catch (error) {
      endAbandonedTransaction(this.dataSource);
      const failure = this.translated(error);
      units.forEach((unit, index) => {
        const result = results[index];
        unit.reject(result && 'error' in result ? this.translated(result.error) : failure);
      });
      return;
    }
    this.storage.committed();
    units.forEach((unit, index) => {
      const result = results[index];
      if ('error' in result) unit.reject(this.translated(result.error));
      else unit.resolve(result.value);
    });
  }

  /** A storage failure ends the whole group: the disk that failed this unit would fail the shared COMMIT too. */
  private async runUnit(manager: EntityManager, unit: PendingUnit): Promise<UnitResult> {
    try {
      return { value: await underSavepoint(manager, 'unit', () => unit.work(manager)) };
    } catch (error) {
      if (storageProblemOf(error)) throw error;
      return { error };
    }
  }

  /** Each turn ends with no transaction open, whatever its COMMIT or ROLLBACK did, before the next one starts. */
  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    this.gathering = null;
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
