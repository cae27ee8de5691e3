import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { loadConfig } from '#libs/config';
import { geotaggedJpeg, jpegPhoto, pngPhoto, sha256Of } from '../../../../test/support/test-photos.js';
import { PhotoInspector } from './photo.inspector.js';
import { PhotoStorage } from './photo.storage.js';
import { PhotosService } from './photos.service.js';
import { problemOf } from '../../../../test/support/problems.js';

const uploader = { userId: 'user-collector-1', branchId: 'branch-jkt01' };

function storeRequest(bytes: Buffer) {
  return { sha256: sha256Of(bytes), content: bytes, uploader };
}

describe('PhotosService on a real folder', () => {
  let dataDir: string;
  let storage: PhotoStorage;
  let photos: PhotosService;

  async function start(): Promise<void> {
    const config = loadConfig({ DATA_DIR: dataDir });
    storage = new PhotoStorage(config);
    await storage.onModuleInit();
    photos = new PhotosService(new PhotoInspector(config), storage);
  }

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mc-media-'));
    await start();
  });

  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stores the original byte for byte and the summary beside it, and no thumbnail until one is asked for', async () => {
    const photo = await geotaggedJpeg(11);
    const sha256 = sha256Of(photo);
    const reply = await photos.store(storeRequest(photo));
    expect(reply.created).toBe(true);
    expect(reply.photo).toMatchObject({ sha256, type: 'image/jpeg', size: photo.length, width: 640, height: 480, uploaders: [uploader] });

    const folder = join(dataDir, 'media', 'photos', sha256.slice(0, 2));
    expect(readdirSync(folder).sort()).toEqual([sha256, `${sha256}.json`]);
    expect(readFileSync(join(folder, sha256)).equals(photo)).toBe(true);
    expect(JSON.parse(readFileSync(join(folder, `${sha256}.json`), 'utf8'))).toEqual(reply.photo);
    expect(readdirSync(join(dataDir, 'media', 'incoming'))).toEqual([]);
  });

  it('makes an upright thumbnail without metadata when first asked for, and keeps it', async () => {
    const photo = await geotaggedJpeg(13);
    const sha256 = sha256Of(photo);
    await photos.store(storeRequest(photo));
    const first = await photos.fetch({ sha256, variant: 'thumb' });

    const thumbFile = join(dataDir, 'media', 'photos', sha256.slice(0, 2), `${sha256}.thumb.jpg`);
    expect(readFileSync(thumbFile).equals(first.content)).toBe(true);
    const thumbnail = await sharp(first.content).metadata();
    // Orientation 6 turns the 640x480 photo upright as 480x640, scaled into 320x320.
    expect([thumbnail.width, thumbnail.height]).toEqual([240, 320]);
    expect(thumbnail.exif).toBeUndefined();

    // Kept: the next request is served from the file, whatever is in it.
    writeFileSync(thumbFile, 'kept thumbnail');
    expect((await photos.fetch({ sha256, variant: 'thumb' })).content.toString()).toBe('kept thumbnail');
  });

  it('stores a photo sent twice, even at once, a single time', async () => {
    const photo = await pngPhoto(12);
    const [first, second] = await Promise.all([photos.store(storeRequest(photo)), photos.store(storeRequest(photo))]);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    const summaryFile = join(dataDir, 'media', 'photos', first.photo.sha256.slice(0, 2), `${first.photo.sha256}.json`);
    const writtenAt = statSync(summaryFile).mtimeMs;

    const third = await photos.store(storeRequest(photo));
    expect(third).toEqual({ photo: first.photo, created: false });
    expect(statSync(summaryFile).mtimeMs).toBe(writtenAt);
  });

  it('describes a hundred hashes at once, naming only the photos it holds', async () => {
    const stored = await Promise.all([21, 22, 23].map(async (seed) => (await photos.store(storeRequest(await jpegPhoto(seed, 64, 48)))).photo));
    const absent = Array.from({ length: 97 }, (_, i) => sha256Of(Buffer.from(`absent-${i}`)));
    const reply = await photos.describe([...absent.slice(0, 50), ...stored.map((p) => p.sha256.toUpperCase()), ...absent.slice(50)]);
    expect(reply.photos.map((p) => p.sha256).sort()).toEqual(stored.map((p) => p.sha256).sort());
  });

  it('hands back the original and the thumbnail, and 404 for a photo it does not hold', async () => {
    const photo = await pngPhoto(31);
    const { photo: summary } = await photos.store(storeRequest(photo));
    const original = await photos.fetch({ sha256: summary.sha256, variant: 'original' });
    expect(original.type).toBe('image/png');
    expect(original.content.equals(photo)).toBe(true);
    const thumb = await photos.fetch({ sha256: summary.sha256, variant: 'thumb' });
    expect(thumb.type).toBe('image/jpeg');
    expect((await sharp(thumb.content).metadata()).format).toBe('jpeg');

    const missing = await problemOf(photos.fetch({ sha256: sha256Of(Buffer.from('nothing')), variant: 'original' }));
    expect(missing.problem).toMatchObject({ status: 404, code: 'photo-not-found' });
  });

  it('refuses a name that is not a hash before it reaches a path', async () => {
    const traversal = await problemOf(photos.fetch({ sha256: '../../secrets/jwt.key', variant: 'original' }));
    expect(traversal.problem).toMatchObject({ status: 400, code: 'validation-failed', errors: [{ field: 'sha256' }] });
    const photo = await pngPhoto(32);
    const { photo: summary } = await photos.store(storeRequest(photo));
    const variant = await problemOf(photos.fetch({ sha256: summary.sha256, variant: 'summary' as 'thumb' }));
    expect(variant.problem).toMatchObject({ status: 400, errors: [{ field: 'variant' }] });
  });

  it('refuses a photo that does not arrive as bytes, storing nothing', async () => {
    const photo = await jpegPhoto(33);
    const asText = { ...storeRequest(photo), content: photo.toString('base64') as unknown as Buffer };
    expect((await problemOf(photos.store(asText))).problem).toMatchObject({ status: 400, code: 'validation-failed', errors: [{ field: 'content' }] });
    expect(await photos.describe([sha256Of(photo)])).toEqual({ photos: [] });
  });

  it('clears at start-up the temporary files a crash left behind, keeping the photos and what another replica is writing', async () => {
    const photo = await jpegPhoto(41, 64, 48);
    const { photo: summary } = await photos.store(storeRequest(photo));
    const incoming = join(dataDir, 'media', 'incoming');
    writeFileSync(join(incoming, 'cut-short.part'), photo.subarray(0, 100));
    const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
    utimesSync(join(incoming, 'cut-short.part'), twoHoursAgo, twoHoursAgo);
    writeFileSync(join(incoming, 'in-progress.part'), photo.subarray(0, 100));
    await start();
    expect(readdirSync(incoming)).toEqual(['in-progress.part']);
    expect(await photos.describe([summary.sha256])).toEqual({ photos: [summary] });
  });
});
