import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes a file so that its name only ever points at the whole content: the
 * bytes go to a temporary file in `tempDir` (same file system), are flushed
 * to disk, and the file is then renamed into place. A crash leaves at most a
 * temporary file in `tempDir`, for the owner to clear at start-up; a failure
 * removes it at once.
 */
export async function writeFileAtomically(target: string, data: Uint8Array | string, tempDir: string): Promise<void> {
  const temp = join(tempDir, `${randomUUID()}.part`);
  try {
    const handle = await open(temp, 'wx', 0o640);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Flushes a file's content, or a folder's entries, to disk: a rename into a
 * folder is only durable once the folder is synced, or a crash may forget it.
 */
export async function syncToDisk(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
