import type { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column types that mean the same on SQLite, PostgreSQL and SQL Server, for
 * migrations. Instants are stored with their offset where the engine can
 * (`timestamptz`, `datetime2` in UTC elsewhere).
 */
export class PortableColumns {
  constructor(private readonly runner: QueryRunner) {}

  private get engine(): string {
    return this.runner.connection.options.type;
  }

  id(name = 'id'): TableColumnOptions {
    return { name, type: 'varchar', length: '36', isPrimary: true };
  }

  serialId(name = 'id'): TableColumnOptions {
    return { name, type: this.integerType(), isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
  }

  uuid(name: string, nullable = false): TableColumnOptions {
    return { name, type: 'varchar', length: '36', isNullable: nullable };
  }

  text(name: string, length: number, nullable = false): TableColumnOptions {
    return { name, type: 'varchar', length: String(length), isNullable: nullable };
  }

  longText(name: string, nullable = true): TableColumnOptions {
    const type = this.engine === 'mssql' ? 'nvarchar' : 'text';
    return { name, type, length: this.engine === 'mssql' ? 'MAX' : undefined, isNullable: nullable };
  }

  integer(name: string, nullable = false): TableColumnOptions {
    return { name, type: this.integerType(), isNullable: nullable };
  }

  /** Rupiah amounts: whole numbers that can pass two billion. */
  money(name: string, nullable = false): TableColumnOptions {
    return { name, type: 'bigint', isNullable: nullable };
  }

  decimal(name: string, precision: number, scale: number, nullable = false): TableColumnOptions {
    return { name, type: 'decimal', precision, scale, isNullable: nullable };
  }

  boolean(name: string, fallback?: boolean): TableColumnOptions {
    const type = this.engine === 'mssql' ? 'bit' : 'boolean';
    return { name, type, isNullable: false, ...(fallback === undefined ? {} : { default: this.booleanLiteral(fallback) }) };
  }

  instant(name: string, nullable = false): TableColumnOptions {
    return { name, type: this.instantType(), isNullable: nullable };
  }

  /** A calendar day without time, stored as `YYYY-MM-DD` text so no engine shifts it by a zone. */
  day(name: string, nullable = false): TableColumnOptions {
    return { name, type: 'varchar', length: '10', isNullable: nullable };
  }

  private integerType(): string {
    return this.engine === 'better-sqlite3' ? 'integer' : 'int';
  }

  private instantType(): string {
    if (this.engine === 'mssql') return 'datetime2';
    if (this.engine === 'postgres') return 'timestamptz';
    return 'datetime';
  }

  private booleanLiteral(value: boolean): string {
    if (this.engine === 'postgres') return value ? 'true' : 'false';
    return value ? '1' : '0';
  }
}
