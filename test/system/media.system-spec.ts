import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { FormData } from 'undici';
import { login, phone, type Session } from '../support/demo-users.js';
import { submitVisits, visitedAgo, visitOf, worklistOf } from '../support/field-visits.js';
import { listTree } from '../support/file-tree.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type HttpReply, type RunningSystem } from '../support/system-harness.js';
import { GEOTAG, geotaggedJpeg, jakartaWallClock, jpegPhoto, pixelBombPng, pngPhoto, sha256Of, truncated, webpPhoto } from '../support/test-photos.js';

const PEOPLE = ['collector1', 'collector2', 'collector3', 'supervisor1', 'supervisor2', 'admin'] as const;

type Person = (typeof PEOPLE)[number];

/** Real logins: collectors from their own phones, the others from the web. */
async function loginAll(system: RunningSystem): Promise<Record<Person, Session>> {
  const sessions = {} as Record<Person, Session>;
  for (const person of PEOPLE) {
    sessions[person] = await login(system, person, person.startsWith('collector') ? phone(`android-media-${person}`) : undefined);
  }
  return sessions;
}

interface UploadOptions {
  sha256?: string;
  hashHeader?: string;
  filename?: string;
  contentType?: string;
  field?: string;
}

function uploadPhoto(system: RunningSystem, token: string, bytes: Buffer | undefined, options: UploadOptions = {}): Promise<HttpReply> {
  const form = new FormData();
  if (bytes) {
    const blob = new Blob([new Uint8Array(bytes)], { type: options.contentType ?? 'image/jpeg' });
    form.append(options.field ?? 'file', blob, options.filename ?? 'photo.jpg');
  }
  const sha256 = 'sha256' in options ? options.sha256 : options.hashHeader ? undefined : bytes && sha256Of(bytes);
  if (sha256 !== undefined) form.append('sha256', sha256);
  const headers: Record<string, string> = options.hashHeader ? { 'x-content-sha256': options.hashHeader } : {};
  return system.request('/api/v1/media', { method: 'POST', token, body: form as unknown as BodyInit, headers });
}

function mediaFolder(system: RunningSystem): string {
  return join(system.dataDir, 'media');
}

describe('proof photos on five processes', () => {
  let system: RunningSystem;
  const tokens = {} as Record<Person, string>;
  let sessions: Record<Person, Session>;
  let geotagged: Buffer;

  beforeAll(async () => {
    system = await startSystem({ mode: 'split' });
    sessions = await loginAll(system);
    for (const person of PEOPLE) tokens[person] = sessions[person].token;
    geotagged = await geotaggedJpeg(101);
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  describe('upload', () => {
    it('stores a JPEG with 201 and its EXIF time and position, then answers 200 for it again without writing anything', async () => {
      const sha256 = sha256Of(geotagged);
      const first = await uploadPhoto(system, tokens.collector1, geotagged);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        sha256,
        type: 'image/jpeg',
        size: geotagged.length,
        width: 640,
        height: 480,
        takenAt: GEOTAG.takenAt,
        uploader: { userId: sessions.collector1.user.id, branchId: sessions.collector1.user.branchId },
      });
      expect(first.body.gps.lat).toBeCloseTo(GEOTAG.lat, 5);
      expect(first.body.gps.lng).toBeCloseTo(GEOTAG.lng, 5);
      const folder = `photos/${sha256.slice(0, 2)}`;
      const stored = listTree(mediaFolder(system));
      expect(stored.map((entry) => entry.split(' ')[0])).toEqual(expect.arrayContaining([`${folder}/`, `${folder}/${sha256}`, `${folder}/${sha256}.json`]));
      // The thumbnail is made when first asked for, not on the upload's way.
      expect(stored).not.toContainEqual(expect.stringContaining('.thumb.jpg'));
      expect(stored.filter((entry) => entry.startsWith('incoming/') && entry !== 'incoming/')).toEqual([]);

      const again = await uploadPhoto(system, tokens.collector1, geotagged, { hashHeader: sha256.toUpperCase() });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(listTree(mediaFolder(system))).toEqual(stored);
    });

    it('makes a collector who sends the same bytes one of its uploaders, without writing the photo again', async () => {
      const photo = await jpegPhoto(150);
      const sha256 = sha256Of(photo);
      expect((await uploadPhoto(system, tokens.collector1, photo)).status).toBe(201);
      const original = join(mediaFolder(system), 'photos', sha256.slice(0, 2), sha256);
      const writtenAt = statSync(original).mtimeMs;

      const forwarded = await uploadPhoto(system, tokens.collector3, photo);
      expect(forwarded.status).toBe(200);
      expect(forwarded.body.uploader).toEqual({ userId: sessions.collector3.user.id, branchId: sessions.collector3.user.branchId });
      expect(statSync(original).mtimeMs).toBe(writtenAt);

      const statusFor = async (person: Person) => (await system.request(`/api/v1/media/${sha256}`, { token: tokens[person] })).status;
      expect(await statusFor('collector3')).toBe(200);
      expect(await statusFor('supervisor2')).toBe(200);
      expect(await statusFor('collector1')).toBe(200);
      expect(await statusFor('supervisor1')).toBe(200);
      expect(await statusFor('collector2')).toBe(403);
      const again = await uploadPhoto(system, tokens.collector1, photo);
      expect(again.body.uploader.userId).toBe(sessions.collector1.user.id);
    });

    it.each([
      ['PNG', 'image/png', () => pngPhoto(102)],
      ['WebP', 'image/webp', () => webpPhoto(103)],
    ])('stores a %s as what its bytes are, whatever the client calls it', async (_name, type, make) => {
      const photo = await make();
      const reply = await uploadPhoto(system, tokens.collector2, photo, { filename: 'IMG_0001.jpg', contentType: 'image/jpeg' });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ sha256: sha256Of(photo), type, size: photo.length, width: 320, height: 240, takenAt: null, gps: null });
    });

    const refusals: [string, () => Promise<HttpReply>, number, string, string | null][] = [
      [
        'a hash that is not the file’s',
        async () => uploadPhoto(system, tokens.collector1, await jpegPhoto(110), { sha256: sha256Of(Buffer.from('other')) }),
        400,
        'hash-mismatch',
        'sha256',
      ],
      [
        'a text file named .jpg',
        async () => uploadPhoto(system, tokens.collector1, Buffer.from('Kwitansi pembayaran Rp 1.500.000\n'.repeat(40)), { filename: 'receipt.jpg' }),
        415,
        'unsupported-photo-type',
        null,
      ],
      ['a truncated JPEG', async () => uploadPhoto(system, tokens.collector1, truncated(await jpegPhoto(111))), 422, 'corrupt-photo', null],
      [
        'a PNG of more pixels than allowed',
        async () => uploadPhoto(system, tokens.collector1, await pixelBombPng(10000, 5001), { filename: 'bomb.png' }),
        422,
        'too-many-pixels',
        null,
      ],
      ['no file', async () => uploadPhoto(system, tokens.collector1, undefined, { sha256: sha256Of(Buffer.from('x')) }), 400, 'validation-failed', 'file'],
      [
        'the photo under another field name',
        async () => uploadPhoto(system, tokens.collector1, await jpegPhoto(112), { field: 'photo' }),
        400,
        'bad-request',
        null,
      ],
      ['a malformed hash', async () => uploadPhoto(system, tokens.collector1, await jpegPhoto(113), { sha256: 'abc123' }), 400, 'validation-failed', 'sha256'],
      ['no hash at all', async () => uploadPhoto(system, tokens.collector1, await jpegPhoto(114), { sha256: undefined }), 400, 'validation-failed', 'sha256'],
      [
        'a header hash that differs from the field',
        async () => {
          const photo = await jpegPhoto(115);
          return uploadPhoto(system, tokens.collector1, photo, { sha256: sha256Of(photo), hashHeader: sha256Of(Buffer.from('other')) });
        },
        400,
        'validation-failed',
        'sha256',
      ],
      ['a supervisor as uploader', async () => uploadPhoto(system, tokens.supervisor1, await jpegPhoto(116)), 403, 'forbidden', null],
      ['no token', async () => uploadPhoto(system, '', await jpegPhoto(117)), 401, 'unauthorized', null],
    ];

    it.each(refusals)('refuses %s with a problem, leaving the storage exactly as it was', async (_case, send, status, code, field) => {
      const before = listTree(mediaFolder(system));
      const reply = await send();
      expect(reply.status).toBe(status);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(reply.body).toMatchObject({ status, code });
      if (field) expect(reply.body.errors.map((issue: { field: string }) => issue.field)).toContain(field);
      expect(listTree(mediaFolder(system))).toEqual(before);
    });
  });

  describe('download', () => {
    let sha256: string;

    beforeAll(async () => {
      sha256 = sha256Of(geotagged);
      const reply = await uploadPhoto(system, tokens.collector1, geotagged);
      expect([200, 201]).toContain(reply.status);
    });

    /**
     * A revalidation sends `Cache-Control: max-age=0` as browsers do: without it,
     * fetch adds `no-cache` to a conditional request, which asks for the full reply.
     */
    function download(person: Person | null, query = '', headers: Record<string, string> = {}): Promise<HttpReply> {
      return system.request(`/api/v1/media/${sha256}${query}`, {
        token: person ? tokens[person] : undefined,
        headers: { 'cache-control': 'max-age=0', ...headers },
      });
    }

    it('gives the uploader the original bytes unchanged, immutable and with an ETag', async () => {
      const reply = await download('collector1');
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('image/jpeg');
      expect(reply.headers.get('etag')).toBe(`"${sha256}"`);
      expect(reply.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      expect(reply.bytes.equals(geotagged)).toBe(true);
    });

    it('gives a thumbnail turned upright by EXIF orientation, without metadata', async () => {
      const reply = await download('collector1', '?variant=thumb');
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('image/jpeg');
      expect(reply.headers.get('etag')).toBe(`"${sha256}.thumb"`);
      const thumbnail = await sharp(reply.bytes).metadata();
      expect([thumbnail.width, thumbnail.height]).toEqual([240, 320]);
      expect(thumbnail.exif).toBeUndefined();
    });

    it('answers 304 when If-None-Match names the ETag of the variant asked for', async () => {
      const original = await download('collector1', '', { 'if-none-match': `"${sha256}"` });
      expect(original.status).toBe(304);
      expect(original.bytes.length).toBe(0);
      const thumb = await download('collector1', '?variant=thumb', { 'if-none-match': `W/"other", "${sha256}.thumb"` });
      expect(thumb.status).toBe(304);
      const mismatched = await download('collector1', '?variant=thumb', { 'if-none-match': `"${sha256}"` });
      expect(mismatched.status).toBe(200);
    });

    it.each([
      ['a supervisor of the uploader’s branch', 'supervisor1', 200],
      ['an admin', 'admin', 200],
      ['a supervisor of another branch', 'supervisor2', 403],
      ['another collector of the same branch', 'collector2', 403],
    ] as const)('lets %s see it or not (%#)', async (_who, person, status) => {
      const reply = await download(person);
      expect(reply.status).toBe(status);
      if (status === 200) expect(reply.bytes.equals(geotagged)).toBe(true);
      else expect(reply.body.code).toBe('forbidden');
    });

    it('refuses the anonymous, and refuses a 304 to whoever may not see the photo', async () => {
      expect((await download(null)).status).toBe(401);
      expect((await download('collector2', '', { 'if-none-match': `"${sha256}"` })).status).toBe(403);
    });

    it('answers 404 for a photo it does not hold and 400 for a bad hash or variant', async () => {
      const missing = await system.request(`/api/v1/media/${sha256Of(Buffer.from('never uploaded'))}`, { token: tokens.admin });
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('photo-not-found');
      const badHash = await system.request('/api/v1/media/not-a-hash', { token: tokens.admin });
      expect(badHash.status).toBe(400);
      expect(badHash.body.errors[0].field).toBe('sha256');
      const badVariant = await system.request(`/api/v1/media/${sha256}?variant=huge`, { token: tokens.admin });
      expect(badVariant.status).toBe(400);
      expect(badVariant.body.errors[0].field).toBe('variant');
    });
  });

  it('documents both endpoints in the OpenAPI document', async () => {
    const docs = await system.request('/docs-json');
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/v1/media', '/api/v1/media/{sha256}']));
    expect(Object.keys(docs.body.paths['/api/v1/media'].post.requestBody.content)).toEqual(['multipart/form-data']);
  });

  it("shows each photo's EXIF beside the visit in monitoring, flagging one taken far and long from it", async () => {
    const collector = sessions.collector1;
    const [first, second] = (await worklistOf(system, collector)).assignments;
    const nearPhoto = await geotaggedJpeg(301, jakartaWallClock(new Date(Date.now() - 5 * 60_000)));
    const stalePhoto = await geotaggedJpeg(302);
    for (const photo of [nearPhoto, stalePhoto]) expect((await uploadPhoto(system, tokens.collector1, photo)).status).toBe(201);
    const visitedAt = visitedAgo(2 * 60_000).toISOString();
    const near = visitOf(first.id, 'NOT_MET', {
      visitedAt,
      location: { lat: GEOTAG.lat + 0.001, lng: GEOTAG.lng, accuracy: 10 },
      photos: [sha256Of(nearPhoto)],
    });
    const far = visitOf(second.id, 'HOUSE_EMPTY', {
      visitedAt,
      location: { lat: GEOTAG.lat + 0.05, lng: GEOTAG.lng, accuracy: 10 },
      photos: [sha256Of(stalePhoto)],
    });
    await submitVisits(system, collector, [near, far]);

    const detailOf = async (visitId: string) => (await system.request(`/api/v1/monitoring/visits/${visitId}`, { token: tokens.supervisor1 })).body;
    const nearDetail = await detailOf(near.id);
    expect(nearDetail.photosChecked).toBe(true);
    expect(nearDetail.photos[0].received).toMatchObject({
      sha256: sha256Of(nearPhoto),
      gps: { lat: expect.closeTo(GEOTAG.lat, 5), lng: expect.closeTo(GEOTAG.lng, 5) },
    });
    expect(nearDetail.photos[0].assessment).toMatchObject({ farFromVisit: false, longFromVisit: false, timeGapMinutes: 3 });
    expect(nearDetail.photos[0].assessment.distanceM).toBeGreaterThan(100);
    expect(nearDetail.photos[0].assessment.distanceM).toBeLessThan(120);

    const farDetail = await detailOf(far.id);
    expect(farDetail.photos[0].received.takenAt).toBe(GEOTAG.takenAt);
    expect(farDetail.photos[0].assessment).toMatchObject({ farFromVisit: true, longFromVisit: true });
    expect(farDetail.photos[0].assessment.distanceM).toBeGreaterThan(5000);
  });

  describe('with the media service stopped', () => {
    beforeAll(async () => {
      await system.stopApp('media');
    });

    it('answers uploads and downloads 503 with Retry-After at once, and keeps every other endpoint working', async () => {
      const photo = await jpegPhoto(120);
      let started = Date.now();
      const upload = await uploadPhoto(system, tokens.collector1, photo);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(upload.status).toBe(503);
      expect(upload.headers.get('retry-after')).toBe('5');
      expect(upload.body).toMatchObject({ code: 'service-unavailable', service: 'media' });

      started = Date.now();
      const download = await system.request(`/api/v1/media/${sha256Of(geotagged)}`, { token: tokens.collector1 });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(download.status).toBe(503);
      expect(download.headers.get('retry-after')).toBe('5');

      expect((await system.request('/health')).status).toBe(200);
      const overview = await system.request('/api/v1/system', { token: tokens.admin });
      expect(overview.status).toBe(200);
      const media = overview.body.services.find((service: { service: string }) => service.service === 'media');
      expect(media).toMatchObject({ up: false });
      expect(overview.body.services.find((service: { service: string }) => service.service === 'collector')).toMatchObject({ up: true });
    });

    it('still answers sync status and monitoring, saying photos could not be checked', async () => {
      const status = await system.request('/api/v1/sync/status', { token: tokens.collector1 });
      expect(status.status).toBe(200);
      expect(status.body.photosChecked).toBe(false);
      expect(status.body.visits.length).toBeGreaterThan(0);
      const visits = await system.request('/api/v1/monitoring/visits', { token: tokens.supervisor1 });
      const detail = await system.request(`/api/v1/monitoring/visits/${visits.body.items[0].id}`, { token: tokens.supervisor1 });
      expect(detail.status).toBe(200);
      expect(detail.body.photosChecked).toBe(false);
      expect(detail.body.photos.every((photo: { received: unknown }) => photo.received === null)).toBe(true);
    });
  });
});

describe('proof photos in one process, with a small MEDIA_MAX_BYTES', () => {
  let system: RunningSystem;
  let token: string;

  beforeAll(async () => {
    system = await startSystem({ mode: 'single', env: { MEDIA_MAX_BYTES: '100000' } });
    token = (await login(system, 'collector1', phone('android-media-small'))).token;
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  it('stores and hands back a photo under the limit over the in-process transport', async () => {
    const photo = await geotaggedJpeg(201);
    expect(photo.length).toBeLessThan(100000);
    const reply = await uploadPhoto(system, token, photo);
    expect(reply.status).toBe(201);
    expect(reply.body.takenAt).toBe(GEOTAG.takenAt);
    const download = await system.request(`/api/v1/media/${sha256Of(photo)}`, { token: token });
    expect(download.status).toBe(200);
    expect(download.bytes.equals(photo)).toBe(true);
  });

  it('refuses a photo over MEDIA_MAX_BYTES with 413 naming the limit, leaving the storage exactly as it was', async () => {
    const photo = await jpegPhoto(202, 1024, 768, 95);
    expect(photo.length).toBeGreaterThan(100000);
    const before = listTree(mediaFolder(system));
    const reply = await uploadPhoto(system, token, photo);
    expect(reply.status).toBe(413);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body).toMatchObject({ code: 'photo-too-large', errors: [{ field: 'file' }] });
    expect(reply.body.detail).toContain('100000 bytes');
    expect(listTree(mediaFolder(system))).toEqual(before);
  });
});
