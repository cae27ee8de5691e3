import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { workDateOf } from '#libs/common';
import { API_DEMOS, API_DEMOS_APK } from '../support/apk-fixtures.js';
import { browserMissing, documentScreen, openBrowser, signIn, type Browser } from '../support/browser.js';
import { login, phone, type Session } from '../support/demo-users.js';
import { receiptNo, submitVisits, uploadPhoto, visitOf, worklistOf, type VisitInput } from '../support/field-visits.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem } from '../support/system-harness.js';
import { GEOTAG, geotaggedJpeg, jakartaWallClock, pngPhoto, sha256Of } from '../support/test-photos.js';
import { waitFor } from '../support/wait-for.js';
import { firstLoadJavaScript } from '../support/web-bundle.js';

const missing = browserMissing();
if (missing) process.stdout.write(`web monitoring browser tests skipped: ${missing}\n`);

/** A tile server that refuses every connection: the map must work without its tiles. */
const UNREACHABLE_TILES = 'http://127.0.0.1:9/{z}/{x}/{y}.png';

/** The visit ids of the visit table's rows, top to bottom. */
function tableVisitIds(page: Page): Promise<string[]> {
  return page.locator('table.visits tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-visit') ?? ''));
}

/** Whether an <img> has loaded real pixels (an object URL of a photo fetched with the token). */
function imageWidth(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((image) => (image as HTMLImageElement).naturalWidth);
}

(missing ? describe.skip : describe)('web monitoring in Chromium, against the real system', () => {
  let system: RunningSystem;
  let browser: Browser;
  let collector1: Session;
  let today: string;
  let withPhoto: VisitInput;
  let photoPending: VisitInput;
  let promised: VisitInput;

  beforeAll(async () => {
    system = await startSystem({ mode: 'single', env: { MAP_TILE_URL: UNREACHABLE_TILES, OTA_PACKAGE: API_DEMOS.packageName, OTA_CATALOGUE_TTL_MS: '0' } });
    browser = await openBrowser(system);
    today = workDateOf(new Date(), 'Asia/Jakarta');
    collector1 = await login(system, 'collector1', phone('web-c1'));
    const lkh = await worklistOf(system, collector1);
    const visitedAt = new Date(Date.now() - 90_000);
    const photo = await geotaggedJpeg(41, jakartaWallClock(visitedAt));
    withPhoto = visitOf(lkh.assignments[0].id, 'PAID', {
      visitedAt: visitedAt.toISOString(),
      location: { lat: GEOTAG.lat, lng: GEOTAG.lng, accuracy: 5 },
      payment: { amount: 1_250_000, receiptNo: receiptNo(lkh.receiptRange.prefix, lkh.receiptRange.from) },
      photos: [sha256Of(photo)],
      notes: 'Dibayar tunai',
    });
    photoPending = visitOf(lkh.assignments[1].id, 'NOT_MET', { visitedAt: new Date(Date.now() - 60_000).toISOString() });
    promised = visitOf(lkh.assignments[2].id, 'PTP', { visitedAt: new Date(Date.now() - 30_000).toISOString(), promise: { date: today, amount: 400_000 } });
    await submitVisits(system, collector1, [withPhoto, photoPending, promised]);
    expect((await uploadPhoto(system, collector1.token, photo)).status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  }, SYSTEM_START_TIMEOUT_MS);

  it('tells a collector the page is not for them, and keeps them out', async () => {
    const page = await browser.person();
    await signIn(page, 'collector3');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Collectors use the mobile collection app');
    await expect(page.getByRole('navigation', { name: 'Main' }).count()).resolves.toBe(0);
    await signIn(page, 'supervisor1', 'not-the-password');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Wrong username or password');
  });

  it("shows a supervisor collector1's day and visits, a visit with its photo, and a CSV export equal to the table", async () => {
    const page = await browser.person();
    await signIn(page, 'supervisor1');
    const row = page.locator('tr[data-collector="collector1"]');
    await row.waitFor();
    await documentScreen(page, 'today');
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 5)).toEqual(['25', '3', 'Rp 1.250.000', 'Rp 400.000', '2']);
    await expect(page.locator('tr[data-collector="collector3"]').count()).resolves.toBe(0);

    await page.getByRole('link', { name: 'Visits' }).click();
    await page.locator('table.visits tbody tr').first().waitFor();
    expect(await tableVisitIds(page)).toEqual([promised.id, photoPending.id, withPhoto.id]);
    await documentScreen(page, 'visits');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const rows = parse<Record<string, string>>(readFileSync(await download.path()), { columns: true });
    expect(rows.map((csvRow) => csvRow.visitId)).toEqual(await tableVisitIds(page));
    expect(rows.map((csvRow) => [csvRow.resultCode, csvRow.photosExpected, csvRow.photosMissing])).toEqual([
      ['PTP', '1', '1'],
      ['NOT_MET', '1', '1'],
      ['PAID', '1', '0'],
    ]);

    await page.getByLabel('Photos still missing').check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/incompletePhotos=true/);
    expect(
      await waitFor(
        () => tableVisitIds(page),
        (ids) => ids.length === 2,
      ),
    ).toEqual([promised.id, photoPending.id]);

    await page.goto('/visits');
    await page.getByRole('link', { name: `Open visit of ${(await worklistOf(system, collector1)).assignments[0].debtorName}` }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'PAID' }).waitFor();
    await expect(page.locator('.facts').textContent()).resolves.toContain('Rp 1.250.000');
    await expect(page.locator('.facts').textContent()).resolves.toContain(withPhoto.payment!.receiptNo);
    await expect(page.locator('.facts').textContent()).resolves.toContain('Dibayar tunai');
    const thumbnail = page.getByRole('button', { name: 'Photo 1: open the original' });
    await thumbnail.locator('img').waitFor();
    expect(
      await waitFor(
        () => imageWidth(page, '.photos img'),
        (width) => width > 0,
      ),
    ).toBeGreaterThan(0);
    await expect(page.locator('.photo-facts').textContent()).resolves.toContain('Matches the visit');
    await documentScreen(page, 'visit');
    await thumbnail.click();
    await page.locator('dialog img').waitFor();
    // The original is 640x480 stored sideways; the thumbnail is at most 320 pixels wide.
    expect(
      await waitFor(
        () => imageWidth(page, 'dialog img'),
        (width) => width > 0,
      ),
    ).toBe(480);
    await page.keyboard.press('Escape');
    await expect(page.locator('dialog[open]').count()).resolves.toBe(0);

    await page.getByRole('link', { name: 'Promises due' }).click();
    await page
      .getByRole('link', { name: /Open the visit/ })
      .first()
      .waitFor();
    await expect(page.locator('table tbody tr').count()).resolves.toBe(1);
    await documentScreen(page, 'promises');
  });

  it('shows supervisor2 nothing of branch JKT01', async () => {
    const page = await browser.person();
    await signIn(page, 'supervisor2');
    await page.locator('tr[data-collector="collector3"]').waitFor();
    await expect(page.locator('tr[data-collector="collector1"]').count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'Visits' }).click();
    await page.getByText('No visits match these filters.').waitFor();
    await page.goto(`/visits/${withPhoto.id}`);
    await expect(page.getByRole('alert').textContent()).resolves.toContain(`No visit ${withPhoto.id}`);
  });

  it("draws the day's visits and last positions while the map tiles cannot be reached", async () => {
    const page = await browser.person();
    await signIn(page, 'supervisor1');
    await page.getByRole('link', { name: 'Map' }).click();
    await page.getByText('Visits (3)').waitFor();
    await page.getByText('Map tiles cannot be loaded').waitFor();
    // Three visits and collector1's last position, as vector markers on the plain background.
    expect(
      await waitFor(
        () => page.locator('.map path.leaflet-interactive').count(),
        (markers) => markers >= 4,
      ),
    ).toBe(4);
    await documentScreen(page, 'map');
    await page.getByRole('link', { name: 'Today' }).click();
    await page.locator('tr[data-collector="collector1"]').waitFor();
  });

  it("lets an admin revoke a phone, after which that phone's next call is refused", async () => {
    const collector2 = await login(system, 'collector2', phone('web-c2-phone'));
    expect((await system.request('/api/v1/worklist', { token: collector2.token })).status).toBe(200);
    const page = await browser.person();
    await signIn(page, 'admin');
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('link', { name: 'Devices' }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke the phone web-c2-phone of collector2' }).click();
    expect(
      await waitFor(
        () => page.locator('tr[data-device="web-c2-phone"] td').nth(3).textContent(),
        (status) => status !== 'active',
      ),
    ).toBe('revoked');
    await documentScreen(page, 'admin-devices');
    const refused = await system.request('/api/v1/worklist', { token: collector2.token });
    expect(refused.status).toBe(401);
  });

  it('lets an admin publish an APK and halt it, through the gateway', async () => {
    const page = await browser.person();
    await signIn(page, 'admin');
    await page.goto('/admin/releases');
    const publish = page.getByRole('form', { name: 'Publish an APK' });
    await publish.getByLabel('APK file').setInputFiles(API_DEMOS_APK);
    await publish.getByLabel('Channel').fill('beta');
    await publish.getByLabel('Rollout %').fill('20');
    await publish.getByRole('button', { name: 'Publish' }).click();
    const row = page.locator(`tr[data-release="${API_DEMOS.versionCode}"]`);
    await row.waitFor();
    await expect(row.locator('td').nth(3).textContent()).resolves.toBe('live');
    await row.getByRole('button', { name: `Halt version ${API_DEMOS.versionCode}` }).click();
    expect(
      await waitFor(
        () => row.locator('td').nth(3).textContent(),
        (status) => status !== 'live',
      ),
    ).toBe('halted');
    await documentScreen(page, 'admin-releases');
    await page.getByRole('link', { name: 'System' }).click();
    await page.locator('tr[data-service="database"]').filter({ hasText: 'up' }).waitFor();
    await documentScreen(page, 'admin-system');
    const admin = await login(system, 'admin');
    const releases = await system.request('/api/v1/ota/releases', { token: admin.token });
    expect(releases.body.releases).toEqual([
      expect.objectContaining({ channel: 'beta', versionCode: API_DEMOS.versionCode, rolloutPercent: 20, halted: true }),
    ]);
  });

  it('shows the logo an admin uploads on the sign-in page, from the media service', async () => {
    const page = await browser.person();
    await signIn(page, 'admin');
    await page.goto('/admin/branding');
    await page.getByLabel('Logo image (PNG, JPEG or WebP)').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await pngPhoto(5, 200, 60) });
    await page.getByRole('button', { name: 'Upload logo' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const visitor = await browser.person();
    await visitor.goto('/');
    await visitor.getByRole('img', { name: 'Company logo' }).waitFor();
    expect(
      await waitFor(
        () => imageWidth(visitor, 'img.logo'),
        (width) => width > 0,
      ),
    ).toBe(200);
    await documentScreen(visitor, 'sign-in');
  });

  it('throws a disabled supervisor out at their next request, with the reason', async () => {
    const page = await browser.person();
    await signIn(page, 'supervisor2');
    await page.locator('tr[data-collector="collector3"]').waitFor();
    const admin = await login(system, 'admin');
    const users = await system.request('/api/v1/admin/users?limit=200', { token: admin.token });
    const supervisor2 = users.body.items.find((user: { username: string }) => user.username === 'supervisor2');
    expect((await system.request(`/api/v1/admin/users/${supervisor2.id}`, { method: 'PATCH', token: admin.token, json: { active: false } })).status).toBe(200);
    await page.getByRole('link', { name: 'Visits' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/^Your session has ended: .+ Please sign in again\.$/);
    await expect(page.evaluate(() => localStorage.getItem('monitoring.session'))).resolves.toBeNull();
  });

  it('serves the page at any of its addresses, and leaves unknown API paths their problem+json 404', async () => {
    const page = await system.request(`/visits/${withPhoto.id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("img-src 'self' blob: http://127.0.0.1:9");
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.text)![1];
    expect((await system.request(script)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const unknown = await system.request('/api/v1/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect((await system.request('/assets/missing.js')).status).toBe(404);
    expect((await system.request('/health')).status).toBe(200);
  });

  it('keeps the first load under 300 KB of compressed JavaScript, the map and admin screens loaded when opened', () => {
    const firstLoad = firstLoadJavaScript();
    expect(firstLoad.files).toHaveLength(1);
    expect(firstLoad.gzipBytes).toBeLessThan(300 * 1024);
  });
});
