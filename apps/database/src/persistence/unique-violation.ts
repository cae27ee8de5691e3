import type { ProblemError } from '#libs/common';

/** Whether a failed write broke a unique constraint, on any of the three engines. */
function isUniqueViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string; number?: number } })?.driverError;
  if (!driverError) return false;
  return (
    driverError.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    driverError.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    driverError.code === '23505' ||
    driverError.number === 2627 ||
    driverError.number === 2601
  );
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
