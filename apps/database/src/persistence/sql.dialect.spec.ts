import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openMigratedDatabase, type MigratedDatabase } from '../../../../test/support/migrated-database.js';
import { testEngines } from '../../../../test/support/test-database.js';
import { SqlDialect } from './sql.dialect.js';

const ROWS = [
  ['kol3', 1],
  ['kol1', 2],
  ['kol2', 2],
  ['kol2', 1],
  ['kol4', 1],
  ['kol1', 1],
] as const;

describe.each(testEngines())('rows of a read handed over one at a time on %s', (engine) => {
  let database: MigratedDatabase;

  beforeAll(async () => {
    database = await openMigratedDatabase(engine);
  });

  afterAll(async () => {
    await database?.close();
  });

  /** Runs `work` in a transaction holding a temporary table of ROWS, as the bridge's apply does. */
  function withLines(work: (sql: SqlDialect, table: string) => Promise<void>): Promise<void> {
    return database.dataSource.transaction(async (manager) => {
      const sql = new SqlDialect(manager);
      const table = sql.temporaryTable('dialect_line');
      const select = ROWS.map(([code, order]) => `SELECT '${code}' AS code, ${order} AS visit_order`).join(' UNION ALL ');
      await sql.run(sql.createTemporaryTableAs(table, select));
      await work(sql, table);
      await sql.run(`DROP TABLE ${table}`);
    });
  }

  it('hands over the rows the parameters select, in the order the read asks, and leaves the connection free for the next statement', async () => {
    await withLines(async (sql, table) => {
      const seen: string[] = [];
      await sql.forEachRow<{ code: string; visit_order: number | string }>(
        `SELECT code, visit_order FROM ${table} WHERE code BETWEEN :first AND :last ORDER BY code, visit_order`,
        { first: 'kol1', last: 'kol2', unused: 'x' },
        (row) => seen.push(`${row.code}/${Number(row.visit_order)}`),
      );
      expect(seen).toEqual(['kol1/1', 'kol1/2', 'kol2/1', 'kol2/2']);
      expect(await sql.count(`SELECT COUNT(*) AS n FROM ${table} WHERE code <> :code`, { code: 'kol4' })).toBe(5);
    });
  });

  it('stops at the first row whose handling fails, and the connection runs the next statement', async () => {
    await withLines(async (sql, table) => {
      let handled = 0;
      const reading = sql.forEachRow(`SELECT code FROM ${table} ORDER BY code`, {}, () => {
        handled += 1;
        if (handled === 2) throw new Error('no more');
      });
      await expect(reading).rejects.toThrow('no more');
      expect(handled).toBe(2);
      expect(await sql.count(`SELECT COUNT(*) AS n FROM ${table}`)).toBe(ROWS.length);
    });
  });
});
