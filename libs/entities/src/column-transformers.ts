import type { ValueTransformer } from 'typeorm';

/**
 * Engines return bigint and decimal columns as strings (PostgreSQL, SQL Server)
 * or numbers (SQLite). Rupiah amounts and coordinates fit a JS number exactly,
 * so entities expose numbers on every engine.
 */
export const asNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};
