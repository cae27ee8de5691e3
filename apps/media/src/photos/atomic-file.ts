import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes a file so that its name only ever points at the whole content: the
 * bytes go to a temporary file in `tempDir` (same file system), are flushed
 * to disk, and the file is then renamed into place. A crash leaves at most a
 * temporary file, which start-up clears; a failure removes it at once.
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

/** Makes the renames into a folder durable: without it a crash may forget them. */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
