import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { login, phone, type Session } from '../support/demo-users.js';
import { submitVisits, uploadPhoto, visitedAgo, visitOf, worklistOf, type VisitInput } from '../support/field-visits.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem } from '../support/system-harness.js';
import { jpegPhoto, pngPhoto, sha256Of } from '../support/test-photos.js';

function logoForm(bytes: Buffer, type = 'image/png'): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), 'logo.png');
  return form;
}

/** What the gateway adds for the web page: the logo, photo completeness in monitoring, the ota pass-through; and how each fails. */
describe('the gateway for the web page, five processes', () => {
  let system: RunningSystem;
  let admin: string;
  let supervisor1: string;
  let collector1: Session;
  let complete: VisitInput;
  let incomplete: VisitInput[];
  const putLogo = (body: FormData, token = admin) => system.request('/api/v1/admin/branding/logo', { method: 'PUT', token, body: body as unknown as BodyInit });

  beforeAll(async () => {
    system = await startSystem({ mode: 'split' });
    [admin, supervisor1] = await Promise.all(['admin', 'supervisor1'].map(async (name) => (await login(system, name)).token));
    collector1 = await login(system, 'collector1', phone('web-gw-c1'));
    const lkh = await worklistOf(system, collector1);
    const photo = await jpegPhoto(71);
    complete = visitOf(lkh.assignments[0].id, 'NOT_MET', { visitedAt: visitedAgo(50_000).toISOString(), photos: [sha256Of(photo)] });
    incomplete = [1, 2].map((n) =>
      visitOf(lkh.assignments[n].id, 'NOT_MET', {
        visitedAt: new Date(visitedAgo(50_000).getTime() + n * 10_000).toISOString(),
        photos: [sha256Of(photo), sha256Of(randomBytes(8))],
      }),
    );
    await submitVisits(system, collector1, [complete, ...incomplete]);
    expect((await uploadPhoto(system, collector1.token, photo)).status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  }, SYSTEM_START_TIMEOUT_MS);

  it('refuses a logo that is missing, not an image, too large, or not from an admin, and keeps none of them', async () => {
    const missing = await system.request('/api/v1/admin/branding/logo', { method: 'PUT', token: admin, body: new FormData() as unknown as BodyInit });
    expect([missing.status, missing.body.code]).toEqual([400, 'validation-failed']);
    const text = await putLogo(logoForm(Buffer.from('<svg onload="alert(1)"></svg>'), 'image/svg+xml'));
    expect([text.status, text.body.code]).toEqual([415, 'unsupported-photo-type']);
    const huge = await putLogo(logoForm(Buffer.alloc(1024 * 1024 + 1, 1)));
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toContain('application/problem+json');
    const byCollector = await putLogo(logoForm(await pngPhoto(1)), collector1.token);
    expect(byCollector.status).toBe(403);
    const none = await system.request('/api/v1/branding/logo');
    expect([none.status, none.headers.get('content-type')]).toEqual([404, 'application/problem+json; charset=utf-8']);
    expect((await system.request('/api/v1/web/config')).body).toEqual({ mapTileUrl: null, workTimeZone: 'Asia/Jakarta', logoUrl: null });
  });

  it('serves the logo to anyone, revalidated at its plain URL and kept for good at its versioned one', async () => {
    const logo = await pngPhoto(9, 240, 80);
    const stored = await putLogo(logoForm(logo));
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ sha256: sha256Of(logo), type: 'image/png', size: logo.length, width: 240, height: 80 });
    const plain = await system.request('/api/v1/branding/logo');
    expect(plain.status).toBe(200);
    expect(plain.bytes.equals(logo)).toBe(true);
    expect(plain.headers.get('content-type')).toBe('image/png');
    expect(plain.headers.get('cache-control')).toBe('public, no-cache');
    expect(plain.headers.get('etag')).toBe(`"${sha256Of(logo)}"`);
    // fetch would add `Cache-Control: no-cache` to a conditional request; a browser revalidating sends max-age=0.
    const revalidated = await system.request('/api/v1/branding/logo', { headers: { 'if-none-match': `"${sha256Of(logo)}"`, 'cache-control': 'max-age=0' } });
    expect([revalidated.status, revalidated.bytes.length]).toEqual([304, 0]);
    const { logoUrl } = (await system.request('/api/v1/web/config')).body;
    expect(logoUrl).toBe(`/api/v1/branding/logo?v=${sha256Of(logo).slice(0, 16)}`);
    expect((await system.request(logoUrl)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await system.request('/api/v1/branding/logo?v=0000000000000000')).headers.get('cache-control')).toBe('public, no-cache');
    expect((await system.request('/api/v1/branding/logo?v=not-hex')).status).toBe(400);
  });

  it("counts the photos still missing from the visit's own collector, and filters and pages on them", async () => {
    const progress = await system.request('/api/v1/monitoring/progress', { token: supervisor1 });
    expect(
      progress.body.collectors.map((row: { collector: { username: string }; visitsMissingPhotos: number }) => [
        row.collector.username,
        row.visitsMissingPhotos,
      ]),
    ).toEqual([
      ['collector1', 2],
      ['collector2', 0],
    ]);
    const all = await system.request('/api/v1/monitoring/visits', { token: supervisor1 });
    expect(
      all.body.items.map((visit: { id: string; photosExpected: number; photosMissing: number }) => [visit.id, visit.photosExpected, visit.photosMissing]),
    ).toEqual([
      [incomplete[1].id, 2, 1],
      [incomplete[0].id, 2, 1],
      [complete.id, 1, 0],
    ]);
    const second = await system.request('/api/v1/monitoring/visits?incompletePhotos=true&limit=1&offset=1', { token: supervisor1 });
    expect(second.body).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ id: incomplete[0].id, photosMissing: 1 }] });
    const csv = await system.request('/api/v1/monitoring/visits.csv?incompletePhotos=true', { token: supervisor1 });
    expect(
      csv.text
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[0]),
    ).toEqual([incomplete[1].id, incomplete[0].id]);
    const bad = await system.request('/api/v1/monitoring/visits?incompletePhotos=maybe', { token: supervisor1 });
    expect([bad.status, bad.body.code]).toEqual([400, 'validation-failed']);
  });

  it("passes the ota app's release API through, the ota app judging the token", async () => {
    const through = await system.request('/api/v1/ota/releases', { token: admin });
    const direct = await system.otaRequest('/api/v1/ota/releases', { token: admin });
    expect([through.status, through.body]).toEqual([200, direct.body]);
    expect((await system.request('/api/v1/ota/releases')).status).toBe(401);
    expect((await system.request('/api/v1/ota/releases', { token: supervisor1 })).status).toBe(403);
  });

  it('goes on without the media service: no photo news, a 503 for the photo filter, no logo; and answers 503 while ota is down', async () => {
    await system.kill('media');
    const progress = await system.request('/api/v1/monitoring/progress', { token: supervisor1 });
    expect(progress.status).toBe(200);
    expect(progress.body.collectors[0]).toMatchObject({ collector: { username: 'collector1' }, visited: 3, visitsMissingPhotos: null });
    expect((await system.request('/api/v1/monitoring/visits', { token: supervisor1 })).body.items[0].photosMissing).toBeNull();
    const filtered = await system.request('/api/v1/monitoring/visits?incompletePhotos=true', { token: supervisor1 });
    expect([filtered.status, filtered.body.code]).toEqual([503, 'service-unavailable']);
    expect((await system.request('/api/v1/web/config')).body.logoUrl).toBeNull();

    await system.kill('ota');
    const down = await system.request('/api/v1/ota/releases', { token: admin });
    expect([down.status, down.body.code, down.headers.get('retry-after')]).toEqual([503, 'service-unavailable', '5']);
    expect(down.headers.get('content-type')).toContain('application/problem+json');
  });
});
