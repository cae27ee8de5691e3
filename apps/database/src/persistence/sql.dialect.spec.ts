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

describe.each(testEngines())('rows of several tables inserted together on %s', (engine) => {
  let database: MigratedDatabase;

  beforeAll(async () => {
    database = await openMigratedDatabase(engine);
  });

  afterAll(async () => {
    await database?.close();
  });

  const TABLES = ['dialect_first', 'dialect_empty', 'dialect_second', 'dialect_third'];

  /**
   * Each table's rows draw a number from one counter as they go in, so the
   * numbers tell in which order the rows went in. SQLite has no sequence; its
   * rows go in one call after another, and the counter is the insert's own.
   */
  async function createTables(sql: SqlDialect): Promise<void> {
    if (engine === 'postgres') await sql.run('CREATE TEMPORARY SEQUENCE dialect_order');
    const counter = engine === 'postgres' ? "DEFAULT nextval('dialect_order')" : '';
    for (const table of TABLES)
      await sql.run(`CREATE TEMPORARY TABLE ${table} (label varchar(8) NOT NULL, position integer NOT NULL, drawn bigint ${counter})`);
  }

  it("puts every table's rows in before the next table's, leaving out a table without rows, and then runs the statement after them", async () => {
    await database.dataSource.transaction(async (manager) => {
      const sql = new SqlDialect(manager);
      await createTables(sql);
      await sql.run('CREATE TEMPORARY TABLE dialect_mark (label varchar(8) NOT NULL, drawn bigint)');
      await sql.run("INSERT INTO dialect_mark (label) VALUES ('mark')");
      const drawing = engine === 'postgres' ? "nextval('dialect_order')" : '1';
      const rows = (label: string, count: number) => Array.from({ length: count }, (_, position) => [label, position]);
      // The last table's rows are fewest: the order must not follow how many rows each table has.
      await sql.insertTables(
        [
          { table: 'dialect_first', columns: ['label', 'position'], rows: rows('first', 40) },
          { table: 'dialect_empty', columns: ['label', 'position'], rows: [] },
          { table: 'dialect_second', columns: ['label', 'position'], rows: rows('second', 30) },
          { table: 'dialect_third', columns: ['label', 'position'], rows: rows('third', 2) },
        ],
        { sql: `UPDATE dialect_mark SET drawn = ${drawing} WHERE label = :label`, parameters: { label: 'mark' } },
      );
      const [mark] = await sql.run<{ drawn: string | number }>('SELECT drawn FROM dialect_mark');
      expect(mark.drawn).not.toBeNull();
      const stored = await sql.run<{ label: string; position: number; drawn: string | number | null }>(
        TABLES.map((table) => `SELECT label, position, drawn FROM ${table}`).join(' UNION ALL '),
      );
      expect(stored.map((row) => row.label).filter((label, index, labels) => labels.indexOf(label) === index)).toEqual(['first', 'second', 'third']);
      expect(stored).toHaveLength(72);
      if (engine !== 'postgres') return;
      const drawn = (label: string) => stored.filter((row) => row.label === label).map((row) => Number(row.drawn));
      expect(Math.max(...drawn('first'))).toBeLessThan(Math.min(...drawn('second')));
      expect(Math.max(...drawn('second'))).toBeLessThan(Math.min(...drawn('third')));
      expect(Math.max(...drawn('third'))).toBeLessThan(Number(mark.drawn));
      for (const table of [...TABLES, 'dialect_mark']) await sql.run(`DROP TABLE ${table}`);
      await sql.run('DROP SEQUENCE dialect_order');
    });
  });
});

describe.each(testEngines())('hot statements on %s', (engine) => {
  let database: MigratedDatabase;

  beforeAll(async () => {
    database = await openMigratedDatabase(engine);
  });

  afterAll(async () => {
    await database?.close();
  });

  /** SQLite keeps every statement `read` and `write` run prepared for the connection's life; there is nothing to choose. */
  const postgresIt = engine === 'postgres' ? it : it.skip;

  postgresIt('prepares a statement with parameters once per connection, and runs one without parameters as it is', async () => {
    await database.dataSource.transaction(async (manager) => {
      const sql = new SqlDialect(manager);
      const count = 'SELECT COUNT(*) AS n FROM batch WHERE collector_id = :collectorId';
      for (const collectorId of ['one', 'two']) expect(await sql.runPrepared<{ n: string }>(count, { collectorId })).toEqual([{ n: '0' }]);
      await sql.write('UPDATE batch SET last_sync_at = :at WHERE id = :id', { at: new Date(), id: 'none' });
      await sql.write('SAVEPOINT hot');
      await sql.read('SELECT COUNT(*) AS n FROM batch WHERE id = :id', { id: 'none' });
      const prepared = await sql.run<{ statement: string }>('SELECT statement FROM pg_prepared_statements ORDER BY prepare_time');
      expect(prepared.map((row) => row.statement)).toEqual([
        'SELECT COUNT(*) AS n FROM batch WHERE collector_id = $1',
        'UPDATE batch SET last_sync_at = $1 WHERE id = $2',
      ]);
    });
  });
});
