import { QueryFailedError } from 'typeorm';
import { isOutOfSpace, ProblemError } from '#libs/common';

const SQLITE_FULL = 'SQLITE_FULL';
const SQLITE_IO_ERROR = 'SQLITE_IOERR';
const POSTGRES_DISK_FULL = '53100';
// A filegroup is full; the transaction log is full.
const SQL_SERVER_FULL = new Set([1105, 9002]);

/**
 * The problem a failed statement stands for when the database's storage let
 * it down, on any of the three engines; undefined for any other failure.
 */
export function storageProblemOf(error: unknown): ProblemError | undefined {
  const cause = (error instanceof QueryFailedError ? error.driverError : error) as { code?: unknown; number?: unknown } | null | undefined;
  const code = String(cause?.code);
  if (code === SQLITE_FULL || code === POSTGRES_DISK_FULL || SQL_SERVER_FULL.has(Number(cause?.number)) || isOutOfSpace(cause)) {
    return ProblemError.storageFull(
      "The database's disk is full, so nothing more can be stored: the request was not completed. Send it again once space is freed",
    );
  }
  if (code.startsWith(SQLITE_IO_ERROR)) {
    return ProblemError.unavailable('database', 'The database could not read or write its disk (I/O error): the request was not completed');
  }
  return undefined;
}
