import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeAbandonedFiles } from './abandoned-files.js';

const HOUR_MS = 3600 * 1000;

describe('removeAbandonedFiles', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'abandoned-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  function fileAged(name: string, ageMs: number): void {
    const path = join(folder, name);
    writeFileSync(path, 'part of a write');
    const modified = new Date(Date.now() - ageMs);
    utimesSync(path, modified, modified);
  }

  it('removes the files older than the limit and keeps the younger ones, which another replica may be writing', async () => {
    fileAged('crashed.part', 2 * HOUR_MS);
    fileAged('just-older.part', HOUR_MS + 60_000);
    fileAged('in-progress.part', 60_000);
    fileAged('almost-abandoned.part', HOUR_MS - 60_000);

    await removeAbandonedFiles(folder, HOUR_MS);

    expect(readdirSync(folder).sort()).toEqual(['almost-abandoned.part', 'in-progress.part']);
  });

  it('leaves an empty folder as it is', async () => {
    await removeAbandonedFiles(folder, HOUR_MS);

    expect(readdirSync(folder)).toEqual([]);
  });

  it('fails for a folder that does not exist, which its owner creates first', async () => {
    await expect(removeAbandonedFiles(join(folder, 'missing'), HOUR_MS)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
