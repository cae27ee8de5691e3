import { Injectable } from '@nestjs/common';
import { DataSource, MigrationExecutor } from 'typeorm';
import type { DatabaseDetails } from '#libs/contract';

type AppliedMigrations = DatabaseDetails['migrations'];

@Injectable()
export class DatabaseStatusService {
  private applied: Promise<AppliedMigrations> | undefined;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * The engine in use and the migrations applied to it. The database is asked on every call whether it
   * answers; the migrations are read from it once, as this process applied them before taking any message
   * and only a new release (a restart) adds one.
   */
  async details(): Promise<DatabaseDetails> {
    await this.dataSource.query('SELECT 1');
    return { engine: this.dataSource.options.type, migrations: await this.appliedMigrations() };
  }

  private appliedMigrations(): Promise<AppliedMigrations> {
    this.applied ??= this.readAppliedMigrations().catch((error: unknown) => {
      this.applied = undefined;
      throw error;
    });
    return this.applied;
  }

  private async readAppliedMigrations(): Promise<AppliedMigrations> {
    const applied = await new MigrationExecutor(this.dataSource).getExecutedMigrations();
    return applied.map((migration) => ({ name: migration.name, timestamp: migration.timestamp })).sort((a, b) => a.timestamp - b.timestamp);
  }
}
