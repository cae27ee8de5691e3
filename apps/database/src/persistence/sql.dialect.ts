import { randomBytes } from 'node:crypto';
import { QueryFailedError, type EntityManager } from 'typeorm';
import type { AbstractSqliteDriver } from 'typeorm/driver/sqlite-abstract/AbstractSqliteDriver.js';
import { preparedOnPostgres } from '#libs/entities';

export type SqlParameters = Record<string, unknown>;

/** Rows bound for one table, each row's values in the order of `columns`. */
export interface TableRows {
  table: string;
  columns: string[];
  rows: unknown[][];
}

/** What is used here of better-sqlite3's connection and its prepared statements. */
interface SqliteStatement {
  run(parameters: SqlParameters | unknown[]): unknown;
  all(parameters: SqlParameters): unknown[];
  iterate(parameters: SqlParameters): IterableIterator<unknown>;
}

interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

/** The statements `write` and `read` prepared, by the connection they belong to: a reopened database prepares afresh. */
const preparedStatements = new WeakMap<SqliteConnection, Map<string, SqliteStatement>>();

/** The VALUES lists `insertColumns` made on SQL Server, by rows and columns: a few dozen shapes, each of a power of two rows. */
const valuesLists = new Map<string, string>();

/** Column types of the tables `insertColumns` wrote on PostgreSQL, by table: migrations run before any insert, so they hold for the process. */
const postgresColumnTypes = new Map<string, Map<string, string>>();

/**
 * The few places where plain SQL statements differ between
 * SQLite, PostgreSQL and SQL Server. Everything else is the SQL the three
 * share; parameters are named (`:load`) and bound by the driver.
 */
export class SqlDialect {
  constructor(private readonly manager: EntityManager) {}

  private get engine(): string {
    return this.manager.connection.options.type;
  }

  get isSqlServer(): boolean {
    return this.engine === 'mssql';
  }

  get isPostgres(): boolean {
    return this.engine === 'postgres';
  }

  /** Most parameters one statement may bind: SQL Server stops at 2,100. */
  get maxParameters(): number {
    return this.isSqlServer ? 2000 : 30000;
  }

  get true(): string {
    return this.engine === 'postgres' ? 'TRUE' : '1';
  }

  get false(): string {
    return this.engine === 'postgres' ? 'FALSE' : '0';
  }

  /**
   * The id of a row of a set-based insert: the statement's `prefix` (see
   * `orderedIdPrefix`) and the row's `ordinal`, a number unique within the
   * statement, as the last twelve hex digits. Rows inserted in ordinal order
   * then append to the key's index instead of landing at random places in it,
   * which on a load of 800,000 rows is most of the insert's cost.
   */
  orderedId(prefix: string, ordinal: string): string {
    if (this.engine === 'postgres') return `(CAST(:${prefix} AS text) || lpad(to_hex(${ordinal}), 12, '0'))`;
    if (this.isSqlServer) return `(:${prefix} + LOWER(CONVERT(varchar(12), CONVERT(binary(6), ${ordinal}), 2)))`;
    return `(:${prefix} || printf('%012x', ${ordinal}))`;
  }

  /**
   * What a SELECT adds to lock the rows it reads of the table `alias` names
   * until the transaction ends: `hint` follows the table in FROM, `clause`
   * ends the statement. `shared` lets every holder go on side by side and
   * keeps out only `exclusive`, which waits for them all and holds off new
   * ones. PostgreSQL's `FOR KEY SHARE` also leaves the holders free to update
   * the row's other columns (a `FOR SHARE` holder could not without
   * deadlocking another). SQL Server takes an update lock for either: its
   * shared locks cannot be upgraded side by side either, so there the
   * holders go one at a time. SQLite runs one transaction at a time on its
   * one connection, and needs none.
   */
  rowLock(alias: string, mode: 'shared' | 'exclusive'): { hint: string; clause: string } {
    if (this.engine === 'postgres') return { hint: '', clause: mode === 'shared' ? ` FOR KEY SHARE OF ${alias}` : ` FOR UPDATE OF ${alias}` };
    if (this.isSqlServer) return { hint: ' WITH (UPDLOCK, HOLDLOCK, ROWLOCK)', clause: '' };
    return { hint: '', clause: '' };
  }

  /** The length of a text in characters. */
  length(expression: string): string {
    return this.isSqlServer ? `LEN(${expression})` : `LENGTH(${expression})`;
  }

  /** An instant as the engine's driver stores it: SQLite keeps UTC text, the others take the Date. */
  instant(at: Date): Date | string {
    return this.engine === 'better-sqlite3' ? sqliteInstant(at) : at;
  }

  /** A named instant parameter where nothing else gives it a type (a SELECT list): PostgreSQL would read it as text. */
  instantParameter(name: string): string {
    return this.engine === 'postgres' ? `CAST(:${name} AS timestamptz)` : `:${name}`;
  }

  /**
   * Runs a write of a hot path: named parameters, no `:...list`, nothing
   * returned. On SQLite it runs on the driver's one connection, inside the
   * transaction open there, through a statement prepared once for its text
   * and bound by name: TypeORM's path rewrites the text on every call and
   * writes numbers into it, so each new amount or position would be prepared
   * afresh. PostgreSQL runs it as `runPrepared` does (a write of a hot path
   * finds its rows by key), SQL Server as `run` does.
   */
  async write(sql: string, parameters: SqlParameters = {}): Promise<void> {
    if (this.engine !== 'better-sqlite3') {
      await this.runPrepared(sql, parameters);
      return;
    }
    const bound = sqliteValues(parameters);
    try {
      this.preparedOnSqlite(sql).run(bound);
    } catch (error) {
      throw new QueryFailedError(sql, Object.values(bound), error as Error);
    }
  }

  /**
   * Runs a read of a hot path, as `write` runs a write: on SQLite through a statement prepared once for its text and
   * bound by name, on the driver's one connection (inside the transaction open there), without the query runner
   * TypeORM opens and releases around each query of a manager, which cost more than a primary-key read itself.
   * The other engines run it as `run` does.
   */
  async read<T = unknown>(sql: string, parameters: SqlParameters = {}): Promise<T[]> {
    if (this.engine !== 'better-sqlite3') return this.run<T>(sql, parameters);
    const bound = sqliteValues(parameters);
    try {
      return this.preparedOnSqlite(sql).all(bound) as T[];
    } catch (error) {
      throw new QueryFailedError(sql, Object.values(bound), error as Error);
    }
  }

  /**
   * Hands the rows of a large read to `onRow` one at a time. On SQLite they come from the statement as it steps, so the
   * rows never stand in memory together and each dies young, where a read held whole outlives V8's young generation and
   * stays on the heap until a full collection; meanwhile the one connection runs nothing else, so `onRow` must not
   * query. The other engines read them as `run` does.
   */
  async forEachRow<T>(sql: string, parameters: SqlParameters, onRow: (row: T) => void): Promise<void> {
    if (this.engine !== 'better-sqlite3') {
      for (const row of await this.run<T>(sql, parameters)) onRow(row);
      return;
    }
    const bound = sqliteValues(parameters);
    try {
      for (const row of this.preparedOnSqlite(sql).iterate(bound)) onRow(row as T);
    } catch (error) {
      throw new QueryFailedError(sql, Object.values(bound), error as Error);
    }
  }

  private preparedOnSqlite(sql: string): SqliteStatement {
    const connection = (this.manager.connection.driver as AbstractSqliteDriver).databaseConnection as SqliteConnection;
    let statements = preparedStatements.get(connection);
    if (!statements) preparedStatements.set(connection, (statements = new Map<string, SqliteStatement>()));
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = connection.prepare(sql)));
    return statement;
  }

  /**
   * Refreshes the planner's statistics of tables a transaction just filled, so
   * that its next statements find rows by index instead of scanning what it
   * still believes is a handful. PostgreSQL's ANALYZE sees the transaction's
   * own rows, as SQL Server's UPDATE STATISTICS does. SQLite's planner does
   * without row counts here, and its ANALYZE would read every index whole.
   */
  async analyze(tables: string[]): Promise<void> {
    if (this.engine === 'postgres') await this.manager.query(`ANALYZE ${tables.join(', ')}`);
    else if (this.isSqlServer) for (const table of tables) await this.manager.query(`UPDATE STATISTICS ${table}`);
  }

  /** The name a table of the transaction's own goes by: SQL Server keeps temporary tables under a `#` name. */
  temporaryTable(name: string): string {
    return this.isSqlServer ? `#${name}` : name;
  }

  /**
   * Creates `table` (a `temporaryTable` name) holding a query's rows: seen by
   * this connection alone, never logged, and gone with a rolled-back
   * transaction. The caller drops it before committing.
   */
  createTemporaryTableAs(table: string, select: string): string {
    return this.isSqlServer ? `SELECT * INTO ${table} FROM (${select}) AS s` : `CREATE TEMPORARY TABLE ${table} AS ${select}`;
  }

  /**
   * `run`, on PostgreSQL as a statement prepared once per connection (see
   * `preparedOnPostgres`) when it binds parameters; one without runs as a
   * simple query. PostgreSQL keeps the plan it chose after a few runs, so a
   * statement belongs here only when that plan holds however the tables grow:
   * a lookup in a table that starts empty and fills under load (stored
   * visits, taken receipts) would go on scanning it whole.
   */
  async runPrepared<T = unknown>(sql: string, parameters: SqlParameters): Promise<T[]> {
    if (!this.isPostgres) return this.run<T>(sql, parameters);
    const [query, bound] = this.manager.connection.driver.escapeQueryWithParameters(sql, parameters);
    const result: unknown = await this.manager.query(bound.length ? preparedOnPostgres(query) : query, bound);
    return Array.isArray(result) ? (result as T[]) : [];
  }

  async run<T = unknown>(sql: string, parameters: SqlParameters = {}): Promise<T[]> {
    const [query, bound] = this.manager.connection.driver.escapeQueryWithParameters(sql, parameters);
    const result: unknown = await this.manager.query(query, bound);
    return Array.isArray(result) ? (result as T[]) : [];
  }

  /**
   * Inserts rows given column by column: `values[c]` holds every row's value
   * of `columns[c]`, so a caller binds what it parsed without an array per
   * row. PostgreSQL gets the column arrays as they are and `unnest`s them: a
   * statement of a few parameters is parsed and planned in a blink, where a
   * multi-row VALUES of 30,000 parameters cost more than the rows it wrote.
   * SQLite runs in the process, so a statement costs no round trip: one
   * prepared single-row statement runs for each row, which measured cheaper
   * per row than a multi-row VALUES of 50 rows and no dearer than one of
   * 1,000, and leaves one statement per table in the cache. SQL Server gets
   * multi-row VALUES statements with positional parameters, each of a power
   * of two rows: a dozen statement texts, each prepared once.
   */
  async insertColumns(table: string, columns: string[], values: unknown[][]): Promise<void> {
    const rows = values[0]?.length ?? 0;
    if (rows === 0) return;
    if (this.engine === 'postgres') return this.insertUnnested(table, columns, values);
    if (this.engine === 'better-sqlite3') return this.insertPrepared(table, columns, values, rows);
    const mostRows = largestPowerOfTwoUpTo(Math.floor(this.maxParameters / columns.length));
    for (let start = 0; start < rows;) {
      const count = largestPowerOfTwoUpTo(Math.min(mostRows, rows - start));
      const parameters = new Array<unknown>(count * columns.length);
      for (let row = 0; row < count; row += 1) {
        for (let column = 0; column < columns.length; column += 1) parameters[row * columns.length + column] = values[column][start + row];
      }
      await this.manager.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${this.valuesList(count, columns.length)}`, parameters);
      start += count;
    }
  }

  /** `insertColumns` for a caller that builds its rows one by one (a visit upload's few dozen). */
  insertValues(table: string, columns: string[], rows: unknown[][]): Promise<void> {
    return this.insertColumns(
      table,
      columns,
      columns.map((_column, c) => rows.map((row) => row[c])),
    );
  }

  /**
   * Inserts the rows of several tables, in the order given, then runs
   * `after` (an UPDATE or DELETE whose WHERE clause ends it, named
   * parameters) once every row is in: every table's rows go in before the
   * next table's begin, so concurrent callers that give their rows in one
   * order of tables and keys never wait for each other at once. PostgreSQL
   * gets one statement, each table's rows `unnest`ed as in `insertColumns`
   * and each insert a data-modifying WITH query: one round trip instead of
   * one per table, prepared once per connection for each set of tables.
   * PostgreSQL runs such queries in an order of its own, so each step starts
   * only once it has counted the rows of the insert before. The other
   * engines run `insertValues` per table, then `after` as `write` does.
   */
  async insertTables(writes: TableRows[], after?: { sql: string; parameters: SqlParameters }): Promise<void> {
    const filled = writes.filter((write) => write.rows.length > 0);
    if (!this.isPostgres) {
      for (const { table, columns, rows } of filled) await this.insertValues(table, columns, rows);
      if (after) await this.write(after.sql, after.parameters);
      return;
    }
    const parameters: unknown[] = [];
    const inserts: string[] = [];
    const afterInsert = (index: number) => `(SELECT count(*) FROM written${index}) > 0`;
    for (const [index, { table, columns, rows }] of filled.entries()) {
      const arrays = await this.unnestedArrays(table, columns, parameters.length);
      columns.forEach((_column, c) => parameters.push(rows.map((row) => postgresArrayElement(row[c]))));
      const gate = index > 0 ? ` WHERE ${afterInsert(index - 1)}` : '';
      inserts.push(`INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${arrays.join(', ')})${gate}`);
    }
    let main: string | undefined;
    if (after) main = this.positional(after.sql, after.parameters, parameters) + (inserts.length ? ` AND ${afterInsert(inserts.length - 1)}` : '');
    else main = inserts.pop();
    if (main === undefined) return;
    const steps = inserts.map((insert, index) => `written${index} AS (${insert} RETURNING 1)`);
    await this.manager.query(preparedOnPostgres(steps.length ? `WITH ${steps.join(', ')} ${main}` : main), parameters);
  }

  /** A statement with named parameters as PostgreSQL takes it, its values appended to `bound` and numbered after those already there. */
  private positional(sql: string, parameters: SqlParameters, bound: unknown[]): string {
    const [query, values] = this.manager.connection.driver.escapeQueryWithParameters(sql, parameters);
    const first = bound.length;
    bound.push(...(values as unknown[]));
    return query.replace(/\$(\d+)/g, (_match, n: string) => `$${Number(n) + first}`);
  }

  private insertPrepared(table: string, columns: string[], values: unknown[][], rows: number): void {
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    const statement = this.preparedOnSqlite(sql);
    // better-sqlite3 binds synchronously, so one parameter array serves every row.
    const bound = new Array<unknown>(columns.length);
    for (let row = 0; row < rows; row += 1) {
      for (let column = 0; column < columns.length; column += 1) bound[column] = sqliteValue(values[column][row]);
      try {
        statement.run(bound);
      } catch (error) {
        throw new QueryFailedError(sql, [...bound], error as Error);
      }
    }
  }

  private async insertUnnested(table: string, columns: string[], values: unknown[][]): Promise<void> {
    const arrays = await this.unnestedArrays(table, columns, 0);
    await this.manager.query(`INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${arrays.join(', ')})`, values);
  }

  /** Each column's array parameter cast to the column's type, numbered from `$first + 1`. */
  private async unnestedArrays(table: string, columns: string[], first: number): Promise<string[]> {
    const types = await this.columnTypes(table);
    return columns.map((column, c) => {
      if (!types.has(column)) throw new Error(`${table} has no column ${column}`);
      return `CAST($${first + c + 1} AS ${types.get(column)}[])`;
    });
  }

  /** A PostgreSQL table's column types as the catalog spells them (`character varying(64)`), read once per table. */
  private async columnTypes(table: string): Promise<Map<string, string>> {
    let types = postgresColumnTypes.get(table);
    if (!types) {
      const rows = await this.run<{ name: string; type: string }>(
        'SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a ' +
          'WHERE a.attrelid = CAST(:table AS regclass) AND a.attnum > 0 AND NOT a.attisdropped',
        { table },
      );
      types = new Map(rows.map((row) => [row.name, row.type]));
      postgresColumnTypes.set(table, types);
    }
    return types;
  }

  /** `(@0, @1), (@2, @3)`: SQL Server's positional parameters, made once per shape. */
  private valuesList(rows: number, columns: number): string {
    const shape = `${rows}x${columns}`;
    let list = valuesLists.get(shape);
    if (list === undefined) {
      const tuples: string[] = [];
      for (let row = 0; row < rows; row += 1) {
        const cells: string[] = [];
        for (let column = 0; column < columns; column += 1) cells.push(`@${row * columns + column}`);
        tuples.push(`(${cells.join(', ')})`);
      }
      valuesLists.set(shape, (list = tuples.join(', ')));
    }
    return list;
  }

  /** Runs an UPDATE or DELETE in the manager's transaction and answers how many rows it changed. */
  async affected(sql: string, parameters: SqlParameters = {}): Promise<number> {
    const runner = this.manager.queryRunner;
    if (!runner) throw new Error('affected() runs inside a transaction');
    const [query, bound] = this.manager.connection.driver.escapeQueryWithParameters(sql, parameters);
    const result = await runner.query(query, bound, true);
    return result.affected ?? 0;
  }

  async count(sql: string, parameters: SqlParameters = {}): Promise<number> {
    const [row] = await this.run<{ n: string | number }>(sql, parameters);
    return Number(row?.n ?? 0);
  }

  /**
   * Inserts rows or, where the key exists, updates them when one of the
   * `updated` columns differs (then `touched` columns are set too): `ON CONFLICT ... DO UPDATE` on SQLite and
   * PostgreSQL, `MERGE ... WITH (HOLDLOCK)` on SQL Server.
   */
  upsert(spec: { table: string; key: string; columns: string[]; updated: string[]; touched: string[]; source: string }): string {
    const { table, key, columns, updated, touched, source } = spec;
    const assigned = [...updated, ...touched];
    const changed = updated.map((column) => `(t.${column} <> s.${column} OR (t.${column} IS NULL AND s.${column} IS NOT NULL))`).join(' OR ');
    if (this.isSqlServer) {
      return (
        `MERGE ${table} WITH (HOLDLOCK) AS t USING (${source}) AS s ON t.${key} = s.${key} ` +
        `WHEN MATCHED AND (${changed}) THEN UPDATE SET ${assigned.map((column) => `${column} = s.${column}`).join(', ')} ` +
        `WHEN NOT MATCHED THEN INSERT (${columns.join(', ')}) VALUES (${columns.map((column) => `s.${column}`).join(', ')});`
      );
    }
    const changedExcluded = updated
      .map((column) => `(${table}.${column} <> excluded.${column} OR (${table}.${column} IS NULL AND excluded.${column} IS NOT NULL))`)
      .join(' OR ');
    return (
      `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM (${source}) AS s WHERE 1 = 1 ` +
      `ON CONFLICT (${key}) DO UPDATE SET ${assigned.map((column) => `${column} = excluded.${column}`).join(', ')} WHERE ${changedExcluded}`
    );
  }

  /** `UPDATE target ... FROM source`: SQLite and PostgreSQL name the target first, SQL Server joins it in FROM. */
  updateFrom(spec: { table: string; set: string[]; source: string; on: string; when: string }): string {
    const { table, set, source, on, when } = spec;
    if (this.isSqlServer) return `UPDATE t SET ${set.join(', ')} FROM ${table} AS t JOIN (${source}) AS s ON ${on} WHERE ${when}`;
    return `UPDATE ${table} AS t SET ${set.join(', ')} FROM (${source}) AS s WHERE ${on} AND (${when})`;
  }
}

/** Values as better-sqlite3 binds them: it takes no booleans or dates, which SQLite stores as 0/1 and UTC text. */
function sqliteValues(parameters: SqlParameters): SqlParameters {
  const bound: SqlParameters = {};
  for (const name in parameters) bound[name] = sqliteValue(parameters[name]);
  return bound;
}

function sqliteValue(value: unknown): unknown {
  return typeof value === 'boolean' ? Number(value) : value instanceof Date ? sqliteInstant(value) : value;
}

/** Instants written lately, as text: a visit's rows repeat its instants, and an upload's rows share when it was received. */
const instantTexts = new Map<number, string>();
const INSTANT_TEXTS_KEPT = 4096;

/**
 * An element of an array bound on PostgreSQL: node-pg writes a Date in an
 * array as local time with its offset, which costs more than the rest of the
 * element's text; UTC in ISO 8601 is the same instant to a timestamptz.
 */
function postgresArrayElement(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

function sqliteInstant(at: Date): string {
  const time = at.getTime();
  let text = instantTexts.get(time);
  if (text === undefined) {
    if (instantTexts.size === INSTANT_TEXTS_KEPT) instantTexts.clear();
    instantTexts.set(time, (text = at.toISOString().replace('T', ' ').replace('Z', '')));
  }
  return text;
}

/**
 * The first 24 characters of a version 7 UUID (RFC 9562): the time in
 * milliseconds, then random bits; `orderedId` appends the row's twelve. Ids
 * made later sort after these, as new rows do.
 */
export function orderedIdPrefix(at = Date.now()): string {
  const time = at.toString(16).padStart(12, '0');
  const random = randomBytes(4).toString('hex');
  const variant = ((parseInt(random[3], 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(0, 3)}-${variant}${random.slice(4, 7)}-`;
}

/** A whole id from `orderedIdPrefix` and an ordinal, as `orderedId` makes it in SQL. */
export function orderedIdOf(prefix: string, ordinal: number): string {
  return prefix + ordinal.toString(16).padStart(12, '0');
}

function largestPowerOfTwoUpTo(n: number): number {
  return 2 ** Math.floor(Math.log2(n));
}
