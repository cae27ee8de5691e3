import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openMigratedDatabase, type MigratedDatabase } from '../../../test/support/migrated-database.js';
import { testEngines } from '../../../test/support/test-database.js';

interface ColumnShape {
  name: string;
  nullable: boolean;
  primary: boolean;
}

const byName = (a: ColumnShape, b: ColumnShape) => a.name.localeCompare(b.name);

/**
 * Migrations own the schema; the entities only describe it, their column
 * names made by the snake_case naming strategy. Every entity must map each
 * column of its migrated table, by the same name, with the same nullability
 * and primary key, and nothing else.
 */
describe.each(testEngines())('the entities on a migrated %s database', (engine) => {
  let database: MigratedDatabase;

  beforeAll(async () => {
    database = await openMigratedDatabase(engine);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('name every column as the migrations made it', async () => {
    const runner = database.dataSource.createQueryRunner();
    try {
      for (const entity of database.dataSource.entityMetadatas) {
        const table = await runner.getTable(entity.tablePath);
        const migrated = (table?.columns ?? []).map((column) => ({ name: column.name, nullable: column.isNullable, primary: column.isPrimary }));
        const described = entity.columns.map((column) => ({ name: column.databaseName, nullable: column.isNullable, primary: column.isPrimary }));
        expect({ table: entity.tableName, columns: described.sort(byName) }).toEqual({ table: entity.tableName, columns: migrated.sort(byName) });
      }
    } finally {
      await runner.release();
    }
  });
});
