import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small file system of a test's own (a tmpfs), to fill up on purpose. */
export interface SmallDisk {
  folder: string;
  /** Writes a filler file until the disk has no room left, then gives back `leaveBytes` of it (whole 4 KiB pages). */
  fill(leaveBytes?: number): void;
  /** Removes the filler: the disk has room again. */
  free(): void;
  unmount(): void;
}

/** Mounts a tmpfs of `sizeMb` on a new temporary folder; needs root (CI runs as root). */
export function mountSmallDisk(sizeMb: number): SmallDisk {
  const folder = mkdtempSync(join(tmpdir(), 'mc-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', folder], { stdio: 'pipe' });
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  const filler = join(folder, 'filler');
  return {
    folder,
    fill: (leaveBytes = 0) => fillUp(filler, leaveBytes),
    free: () => rmSync(filler, { force: true }),
    unmount: () => {
      execFileSync('umount', [folder], { stdio: 'pipe' });
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Why this machine cannot mount a tmpfs (not root, a container without the right), or undefined when it can. */
export function smallDiskUnavailable(): string | undefined {
  try {
    mountSmallDisk(1).unmount();
    return undefined;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return stderr || (error as Error).message;
  }
}

function fillUp(path: string, leaveBytes: number): void {
  const chunk = Buffer.alloc(1024 * 1024);
  const file = openSync(path, 'w');
  try {
    let size = 0;
    try {
      for (;;) size += writeSync(file, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    }
    ftruncateSync(file, Math.max(0, size - leaveBytes));
  } finally {
    closeSync(file);
  }
}
