import { QueryFailedError } from 'typeorm';
import type { ProblemError } from '#libs/common';

const SQLITE_CODES = new Set(['SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE']);
const POSTGRES_CODE = '23505';
const SQL_SERVER_NUMBERS = new Set([2601, 2627]);

/** Whether a failed statement broke a primary key or unique index, on any of the three engines. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: unknown; number?: unknown } | undefined;
  return SQLITE_CODES.has(String(driverError?.code)) || driverError?.code === POSTGRES_CODE || SQL_SERVER_NUMBERS.has(Number(driverError?.number));
}

/**
 * Runs an insert whose uniqueness the database decides, even between two
 * concurrent requests; a violation becomes the given conflict problem.
 */
export async function insertUnique(insert: Promise<unknown>, conflict: () => ProblemError): Promise<void> {
  try {
    await insert;
  } catch (error) {
    throw isUniqueViolation(error) ? conflict() : error;
  }
}
