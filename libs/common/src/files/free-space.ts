import { statfs } from 'node:fs/promises';
import { ProblemError } from '../problem/problem.error.js';

const MIB = 1024 * 1024;

/**
 * Fails with `storage-full` when the file system holding `folder` has less
 * than `minFreeBytes` left for this process, so readiness turns false before
 * writes start failing, and true again as soon as space is freed. `what`
 * names the storage for the person reading the problem.
 */
export async function assertFreeSpace(folder: string, minFreeBytes: number, what: string): Promise<void> {
  const { bavail, bsize } = await statfs(folder);
  const free = bavail * bsize;
  if (free < minFreeBytes) {
    throw ProblemError.storageFull(
      `The disk holding ${what} is full: ${Math.floor(free / MIB)} MiB free, less than the ${Math.round(minFreeBytes / MIB)} MiB it needs (STORAGE_MIN_FREE_MB)`,
    );
  }
}
