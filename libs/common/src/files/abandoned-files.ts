import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Removes the files of `folder` last modified more than `olderThanMs` ago: the
 * temporary files a crash left. Younger ones stay, since replicas sharing the
 * folder on one volume may be writing them right now; a file that vanishes
 * while we look was finished by its writer and needs nothing.
 */
export async function removeAbandonedFiles(folder: string, olderThanMs: number): Promise<void> {
  const abandonedBefore = Date.now() - olderThanMs;
  for (const name of await readdir(folder)) {
    const path = join(folder, name);
    const modified = (await stat(path).catch(() => undefined))?.mtimeMs;
    if (modified !== undefined && modified < abandonedBefore) await rm(path, { force: true });
  }
}
