import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '#libs/config';
import { dataSourceOptions } from '#libs/entities';
import { provisionDatabase, type TestEngine } from './test-database.js';

export interface MigratedDatabase {
  dataSource: DataSource;
  close(): Promise<void>;
}

/** A database of its own with every migration applied, for testing repositories on a real engine. */
export async function openMigratedDatabase(engine: TestEngine): Promise<MigratedDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mc-repository-'));
  const database = await provisionDatabase(engine);
  const dataSource = new DataSource(dataSourceOptions(loadConfig({ DATA_DIR: dataDir, ...database.env })));
  await dataSource.initialize();
  await dataSource.runMigrations();
  return {
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
