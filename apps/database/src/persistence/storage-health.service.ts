import { Injectable, Logger } from '@nestjs/common';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { assertFreeSpace, type ProblemError } from '#libs/common';
import { AppConfig } from '#libs/config';

/** How long a write failed for lack of storage keeps readiness false when no write commits after it. */
const FAILURE_REMEMBERED_MS = 30_000;

/**
 * Whether the database can take writes, as far as the service can tell
 * without writing: the last unit of work that failed for its storage (until a
 * write commits, at most FAILURE_REMEMBERED_MS, so readiness comes back by
 * itself on a database server whose disk it cannot see), and on SQLite the
 * free space of the disk that holds the database file.
 */
@Injectable()
export class StorageHealthService {
  private readonly logger = new Logger('Storage');
  private lastFailure: { problem: ProblemError; at: number } | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Logged once when storage starts failing, not at every retry of every phone. */
  failed(problem: ProblemError, cause: unknown): void {
    if (!this.lastFailure) this.logger.error({ err: cause, code: problem.problem.code }, 'the database storage failed');
    this.lastFailure = { problem, at: Date.now() };
  }

  committed(): void {
    if (this.lastFailure) this.logger.log('the database storage takes writes again');
    this.lastFailure = undefined;
  }

  /** Throws the problem that keeps the database from taking writes now, if there is one. */
  async assertWritable(): Promise<void> {
    if (this.lastFailure && Date.now() - this.lastFailure.at < FAILURE_REMEMBERED_MS) throw this.lastFailure.problem;
    const options = this.dataSource.options;
    if (options.type === 'better-sqlite3') {
      await assertFreeSpace(dirname(options.database), this.config.storageMinFreeBytes, 'the database');
    }
  }
}
