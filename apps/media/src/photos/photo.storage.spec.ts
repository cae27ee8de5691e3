import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '#libs/config';
import type { PhotoSummary } from '#libs/contract';
import { listTree } from '../../../../test/support/file-tree.js';
import { mountSmallDisk, smallDiskUnavailable, type SmallDisk } from '../../../../test/support/small-disk.js';
import { sha256Of } from '../../../../test/support/test-photos.js';
import { PhotoStorage } from './photo.storage.js';

const unavailable = smallDiskUnavailable();
if (unavailable) console.warn(`PhotoStorage on a full disk: skipped, a tmpfs cannot be mounted here (${unavailable})`);

const PAGE = 4096;

/** Files of a photo whose original takes three pages of the disk. */
function photoFiles(): { original: Buffer; summary: PhotoSummary } {
  const original = randomBytes(3 * PAGE - 100);
  const sha256 = sha256Of(original);
  const summary: PhotoSummary = {
    sha256,
    type: 'image/jpeg',
    size: original.length,
    width: 640,
    height: 480,
    takenAt: null,
    gps: null,
    uploaders: [{ userId: 'user-collector-1', branchId: 'branch-jkt01' }],
    receivedAt: '2026-11-28T02:30:00.000Z',
  };
  return { original, summary };
}

(unavailable ? describe.skip : describe)('PhotoStorage when the disk fills up during a save', () => {
  let disk: SmallDisk;
  let storage: PhotoStorage;
  let media: string;

  const filesOnDisk = () => listTree(media).filter((entry) => !entry.endsWith('/'));

  beforeAll(() => {
    disk = mountSmallDisk(4);
  });

  afterAll(() => disk?.unmount());

  beforeEach(async () => {
    const dataDir = join(disk.folder, 'data');
    media = join(dataDir, 'media');
    storage = new PhotoStorage(loadConfig({ DATA_DIR: dataDir }));
    await storage.onModuleInit();
  });

  afterEach(() => {
    disk.free();
    rmSync(join(disk.folder, 'data'), { recursive: true, force: true });
  });

  it.each([
    ['part of the original', 2 * PAGE],
    ['the original but not the summary', 3 * PAGE],
  ])('leaves no file when there is room for %s', async (_case, room) => {
    const files = photoFiles();
    disk.fill(room);
    await expect(storage.save(files)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(filesOnDisk()).toEqual([]);
    expect(await storage.summaryOf(files.summary.sha256)).toBeNull();
  });

  it('saves the whole photo once space is freed', async () => {
    const files = photoFiles();
    disk.fill(3 * PAGE);
    await expect(storage.save(files)).rejects.toMatchObject({ code: 'ENOSPC' });
    disk.free();
    await storage.save(files);
    expect(await storage.summaryOf(files.summary.sha256)).toEqual(files.summary);
    expect((await storage.contentOf(files.summary.sha256, 'original'))?.equals(files.original)).toBe(true);
  });
});

describe('PhotoStorage starting beside replicas that share its volume', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'photo-storage-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  function temporaryFileAged(incoming: string, name: string, ageMs: number): void {
    const path = join(incoming, name);
    writeFileSync(path, 'part of a photo');
    const modified = new Date(Date.now() - ageMs);
    utimesSync(path, modified, modified);
  }

  it('clears the temporary files a crash left and keeps those another replica is writing', async () => {
    const incoming = join(dataDir, 'media', 'incoming');
    const running = new PhotoStorage(loadConfig({ DATA_DIR: dataDir }));
    await running.onModuleInit();
    temporaryFileAged(incoming, 'left-by-a-crash.part', 2 * 3600 * 1000);
    temporaryFileAged(incoming, 'being-written.part', 1000);

    await new PhotoStorage(loadConfig({ DATA_DIR: dataDir })).onModuleInit();

    expect(readdirSync(incoming)).toEqual(['being-written.part']);
  });

  it('lets a replica save a photo while another one starts', async () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    const running = new PhotoStorage(config);
    await running.onModuleInit();
    const files = photoFiles();

    await Promise.all([running.save(files), new PhotoStorage(config).onModuleInit()]);

    expect(await running.summaryOf(files.summary.sha256)).toEqual(files.summary);
    expect((await running.contentOf(files.summary.sha256, 'original'))?.equals(files.original)).toBe(true);
  });
});

describe('PhotoStorage whose photo folder is removed under it', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'photo-storage-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fails that one save, leaving nothing, and makes the folder again for the next', async () => {
    const storage = new PhotoStorage(loadConfig({ DATA_DIR: dataDir }));
    await storage.onModuleInit();
    const files = photoFiles();
    await storage.save(files);
    rmSync(join(dataDir, 'media', 'photos', files.summary.sha256.slice(0, 2)), { recursive: true });

    await expect(storage.save(files)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(join(dataDir, 'media', 'incoming'))).toEqual([]);
    await storage.save(files);

    expect(await storage.summaryOf(files.summary.sha256)).toEqual(files.summary);
    expect((await storage.contentOf(files.summary.sha256, 'original'))?.equals(files.original)).toBe(true);
  });
});
