import { Injectable } from '@nestjs/common';
import { DataSource, MigrationExecutor } from 'typeorm';
import type { DatabaseDetails } from '#libs/contract';

@Injectable()
export class DatabaseStatusService {
  constructor(private readonly dataSource: DataSource) {}

  /** The engine in use and the migrations applied to it, read from the database itself. */
  async details(): Promise<DatabaseDetails> {
    const applied = await new MigrationExecutor(this.dataSource).getExecutedMigrations();
    return {
      engine: this.dataSource.options.type,
      migrations: applied.map((migration) => ({ name: migration.name, timestamp: migration.timestamp })).sort((a, b) => a.timestamp - b.timestamp),
    };
  }
}
