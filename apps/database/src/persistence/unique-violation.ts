/** Whether a failed write broke a unique constraint, on any of the three engines. */
export function isUniqueViolation(error: unknown): boolean {
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
