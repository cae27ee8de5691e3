import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { login, phone, type Session } from '../support/demo-users.js';
import { submitVisits, uploadPhoto, visitOf, worklistOf, type VisitInput } from '../support/field-visits.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem } from '../support/system-harness.js';
import { testEngines } from '../support/test-database.js';
import { GEOTAG, geotaggedJpeg, jpegPhoto, sha256Of } from '../support/test-photos.js';

/**
 * A visit lists the SHA-256 of its proof photos; the phone sends visits and photos in whatever order its queue
 * and the network allow. Either order must end in the same complete visit, in the collector's sync status and
 * in the supervisor's view of the visit.
 */
/** A photo without EXIF time or GPS is shown as unknown, never flagged. */
const WITHOUT_EXIF = { distanceM: null, timeGapMinutes: null, farFromVisit: false, longFromVisit: false };

describe.each(testEngines())('photos and visits in either order on %s, one process', (engine) => {
  let system: RunningSystem;
  let collector: Session;
  let supervisor: string;
  let assignments: string[];

  beforeAll(async () => {
    system = await startSystem({ mode: 'single', engine });
    collector = await login(system, 'collector1', phone('photo-sync-c1'));
    supervisor = (await login(system, 'supervisor1')).token;
    assignments = (await worklistOf(system, collector)).assignments.map((assignment) => assignment.id);
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  const syncStatus = async () => {
    const reply = await system.request('/api/v1/sync/status', { token: collector.token });
    expect(reply.status).toBe(200);
    return reply.body;
  };
  const photosInSync = async (visit: VisitInput) => (await syncStatus()).visits.find((held: { id: string }) => held.id === visit.id).photos;
  const detailOf = async (visit: VisitInput) => {
    const reply = await system.request(`/api/v1/monitoring/visits/${visit.id}`, { token: supervisor });
    expect(reply.status).toBe(200);
    return reply.body;
  };
  const upload = async (bytes: Buffer) => {
    const reply = await uploadPhoto(system, collector.token, bytes);
    expect(reply.status).toBe(201);
    return reply.body;
  };

  /** What monitoring shows of a photo that has arrived: what the media service read from its bytes. */
  const evidenceOf = (bytes: Buffer, geotagged: boolean) => ({
    sha256: sha256Of(bytes),
    type: 'image/jpeg',
    size: bytes.length,
    takenAt: geotagged ? GEOTAG.takenAt : null,
    gps: geotagged ? { lat: expect.closeTo(GEOTAG.lat, 5), lng: expect.closeTo(GEOTAG.lng, 5) } : null,
    receivedAt: expect.any(String),
  });

  it('reports a visit whose photos arrived first as complete at once', async () => {
    const [geotagged, plain] = await Promise.all([geotaggedJpeg(401), jpegPhoto(402)]);
    const stored = [await upload(geotagged), await upload(plain)];
    const visit = visitOf(assignments[0], 'HOUSE_EMPTY', { photos: [sha256Of(geotagged), sha256Of(plain)] });
    const before = await syncStatus();
    expect(before.visitIds).not.toContain(visit.id);

    const [result] = await submitVisits(system, collector, [visit]);
    expect(result.status).toBe('created');

    expect(await photosInSync(visit)).toEqual({ expected: visit.photos, received: visit.photos, missing: [] });
    expect((await syncStatus()).incompleteVisits).not.toContain(visit.id);
    const detail = await detailOf(visit);
    expect(detail.photos).toEqual([
      {
        sha256: visit.photos[0],
        position: expect.any(Number),
        received: evidenceOf(geotagged, true),
        assessment: {
          distanceM: expect.any(Number),
          timeGapMinutes: expect.any(Number),
          farFromVisit: expect.any(Boolean),
          longFromVisit: expect.any(Boolean),
        },
      },
      { sha256: visit.photos[1], position: expect.any(Number), received: evidenceOf(plain, false), assessment: WITHOUT_EXIF },
    ]);
    expect(detail.photos[0].position).toBeLessThan(detail.photos[1].position);
    expect(detail.photos.map((photo: { received: { receivedAt: string } }) => photo.received.receivedAt)).toEqual(stored.map((photo) => photo.receivedAt));
  });

  it('reports a visit whose photos arrive later as incomplete, then complete once each has arrived', async () => {
    const [geotagged, plain] = await Promise.all([geotaggedJpeg(411), jpegPhoto(412)]);
    const visit = visitOf(assignments[1], 'MOVED', { photos: [sha256Of(geotagged), sha256Of(plain)] });
    const [result] = await submitVisits(system, collector, [visit]);
    expect(result.status).toBe('created');

    expect(await photosInSync(visit)).toEqual({ expected: visit.photos, received: [], missing: visit.photos });
    expect((await syncStatus()).incompleteVisits).toContain(visit.id);
    expect((await detailOf(visit)).photos.map((photo: { sha256: string; received: unknown }) => [photo.sha256, photo.received])).toEqual([
      [visit.photos[0], null],
      [visit.photos[1], null],
    ]);

    await upload(plain);
    expect(await photosInSync(visit)).toEqual({ expected: visit.photos, received: [visit.photos[1]], missing: [visit.photos[0]] });
    expect((await syncStatus()).incompleteVisits).toContain(visit.id);
    const halfway = await detailOf(visit);
    expect(halfway.photos.map((photo: { received: unknown }) => photo.received)).toEqual([null, evidenceOf(plain, false)]);

    await upload(geotagged);
    expect(await photosInSync(visit)).toEqual({ expected: visit.photos, received: visit.photos, missing: [] });
    expect((await syncStatus()).incompleteVisits).not.toContain(visit.id);
    const complete = await detailOf(visit);
    expect(complete.photos.map((photo: { received: unknown }) => photo.received)).toEqual([evidenceOf(geotagged, true), evidenceOf(plain, false)]);
    expect(complete.photos[1].assessment).toEqual(WITHOUT_EXIF);
    expect(halfway.photos[0].assessment).toBeNull();
  });
});
