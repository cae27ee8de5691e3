import type { EntityManager } from 'typeorm';

export type SqlParameters = Record<string, unknown>;

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

  /** A new random UUID in its text form, made by the database for each row of a set-based insert. */
  get newUuid(): string {
    if (this.engine === 'postgres') return 'CAST(gen_random_uuid() AS text)';
    if (this.isSqlServer) return 'LOWER(CONVERT(varchar(36), NEWID()))';
    return (
      "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || " +
      "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
    );
  }

  /** An instant as the engine's driver stores it: SQLite keeps UTC text, the others take the Date. */
  instant(at: Date): Date | string {
    return this.engine === 'better-sqlite3' ? at.toISOString().replace('T', ' ').replace('Z', '') : at;
  }

  /** A named instant parameter where nothing else gives it a type (a SELECT list): PostgreSQL would read it as text. */
  instantParameter(name: string): string {
    return this.engine === 'postgres' ? `CAST(:${name} AS timestamptz)` : `:${name}`;
  }

  async run<T = unknown>(sql: string, parameters: SqlParameters = {}): Promise<T[]> {
    const [query, bound] = this.manager.connection.driver.escapeQueryWithParameters(sql, parameters);
    const result: unknown = await this.manager.query(query, bound);
    return Array.isArray(result) ? (result as T[]) : [];
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
