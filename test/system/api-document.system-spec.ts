import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { addDays, workDateOf } from '#libs/common';
import { API_DEMOS, API_DEMOS_APK } from '../support/apk-fixtures.js';
import { DEMO_PASSWORD, phone } from '../support/demo-users.js';
import { photoForm, receiptNo, visitOf } from '../support/field-visits.js';
import { lintProblemsOf, ServedApiDocument, type Exchange } from '../support/open-api-document.js';
import { publishRelease } from '../support/ota-releases.js';
import { jpegPhoto, pngPhoto, sha256Of } from '../support/test-photos.js';
import { startSystem, type HttpReply, type RequestOptions, type RunningSystem } from '../support/system-harness.js';

const today = () => workDateOf(new Date(), 'Asia/Jakarta');
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
/** A value for each path parameter, enough to reach the route (and its guard) without naming anything real. */
const PLACEHOLDERS: Record<string, string> = { id: UNKNOWN_ID, code: 'NO_SUCH_CODE', sha256: 'a'.repeat(64), channel: 'production', file: '1.apk' };

/**
 * The Android app's client is generated from `/docs-json`: a status it does not know, or a null where the
 * document promises an object, crashes it. So an ordinary day is played through the real API, errors
 * included, and every answer is checked against the document the server itself serves.
 */
describe('the API documents tell the truth about an ordinary day (one process)', () => {
  let system: RunningSystem;
  let gatewayDocument: ServedApiDocument;
  let otaDocument: ServedApiDocument;
  const gatewayExchanges: Exchange[] = [];
  const otaExchanges: Exchange[] = [];

  /** A request to the gateway, kept for the check against its document. */
  async function call(method: string, path: string, options: Omit<RequestOptions, 'method'> = {}): Promise<HttpReply> {
    const reply = await system.request(path, { ...options, method });
    gatewayExchanges.push({ method, url: path, reply });
    return reply;
  }

  async function callOta(method: string, path: string, options: Omit<RequestOptions, 'method'> = {}): Promise<HttpReply> {
    const reply = await system.otaRequest(path, { ...options, method });
    otaExchanges.push({ method, url: path, reply });
    return reply;
  }

  async function logIn(username: string, device: Record<string, unknown> = {}, password = DEMO_PASSWORD): Promise<HttpReply> {
    return call('POST', '/api/v1/auth/login', { json: { username, password, ...device } });
  }

  async function tokenOf(username: string, device: Record<string, unknown> = {}): Promise<string> {
    const reply = await logIn(username, device);
    expect(reply.status).toBe(200);
    return reply.body.accessToken;
  }

  beforeAll(async () => {
    system = await startSystem({ mode: 'single', env: { OTA_PACKAGE: API_DEMOS.packageName, OTA_CATALOGUE_TTL_MS: '200', MEDIA_MAX_BYTES: '200000' } });
    gatewayDocument = await ServedApiDocument.of((await system.request('/docs-json')).body);
    otaDocument = await ServedApiDocument.of((await system.otaRequest('/docs-json')).body);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('declares where it is served and how to authenticate', () => {
    for (const { document } of [gatewayDocument, otaDocument]) {
      expect(document.servers.length).toBeGreaterThan(0);
      expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    }
  });

  it.each(['gateway', 'ota'] as const)("passes Redocly's recommended rules, as redocly.yaml tunes them, on the %s", async (app) => {
    const served = app === 'gateway' ? await system.request('/docs-json') : await system.otaRequest('/docs-json');
    expect(await lintProblemsOf(served.body, app)).toEqual([]);
  });

  it.each(['gateway', 'ota'] as const)('asks for a token on the %s operations that need one, and on no others', async (app) => {
    const document = app === 'gateway' ? gatewayDocument : otaDocument;
    const send = app === 'gateway' ? call : callOta;
    const mismatches: string[] = [];
    for (const operation of document.operations) {
      const path = operation.template.replace(/\{(\w+)\}/g, (_, name: string) => PLACEHOLDERS[name]);
      const reply = await send(operation.method, path, operation.method === 'GET' ? {} : { json: {} });
      const secured = (operation.definition.security ?? []).length > 0;
      if (secured !== (reply.status === 401))
        mismatches.push(`${operation.method} ${operation.template}: security ${secured}, answered ${reply.status} without a token`);
      if (!Array.isArray(operation.definition.security)) mismatches.push(`${operation.method} ${operation.template}: no security requirement stated`);
    }
    expect(mismatches).toEqual([]);
  });

  it('plays a whole day through the API', async () => {
    expect((await call('GET', '/health')).status).toBe(200);
    expect((await call('GET', '/health/ready')).status).toBe(200);
    expect((await call('GET', '/api/v1/web/config')).status).toBe(200);
    expect((await call('GET', '/api/v1/branding/logo')).status).toBe(404);

    const admin = await tokenOf('admin');
    const apk = readFileSync(API_DEMOS_APK);
    const published = await publishRelease(system, admin, apk, { rolloutPercent: '100', notes: 'Kwitansi dicetak lebih cepat' });
    otaExchanges.push({ method: 'POST', url: '/api/v1/ota/releases', reply: published });
    expect(published.status).toBe(201);
    const unpublished = await publishRelease(system, admin, apk);
    otaExchanges.push({ method: 'POST', url: '/api/v1/ota/releases', reply: unpublished });
    expect(unpublished.status).toBe(409);
    expect((await callOta('GET', '/api/v1/ota/releases', { token: admin })).status).toBe(200);
    const releaseId = published.body.id;
    expect((await callOta('PATCH', `/api/v1/ota/releases/${releaseId}`, { token: admin, json: { rolloutPercent: 100 } })).status).toBe(200);
    expect((await callOta('GET', `/api/v1/ota/check?versionCode=1&sdkInt=29&deviceId=android-doc-c1`)).status).toBe(200);
    expect((await callOta('GET', `/api/v1/ota/check?versionCode=${API_DEMOS.versionCode}&sdkInt=29&deviceId=android-doc-c1`)).status).toBe(204);
    expect((await callOta('GET', `/api/v1/ota/check?versionCode=1&sdkInt=22&deviceId=android-doc-c1`)).status).toBe(426);
    expect((await callOta('GET', '/api/v1/ota/check?versionCode=x')).status).toBe(400);
    expect((await callOta('GET', '/apk/coll/app-release.apk')).status).toBe(200);
    expect((await callOta('GET', '/apk/coll/app-release.apk', { headers: { range: 'bytes=0-99' } })).status).toBe(206);

    // Morning: an old app gets its update offered; an outdated Android is turned away; a wrong password is refused.
    const collectorPhone = phone(`android-doc-${randomUUID().slice(0, 8)}`, { appVersionCode: 1 });
    const morning = await logIn('collector1', { ...collectorPhone });
    expect(morning.status).toBe(200);
    expect(morning.body.update).not.toBeNull();
    const collector = morning.body.accessToken;
    expect((await logIn('collector2', { ...phone('android-doc-old-sdk', { androidSdk: 22 }) })).status).toBe(426);
    expect((await logIn('collector2', {}, 'not-the-password')).status).toBe(401);
    expect((await call('POST', '/api/v1/auth/login', { json: { username: 'collector2' } })).status).toBe(400);
    const supervisorLogin = await logIn('supervisor1');
    expect(supervisorLogin.body).toMatchObject({ batch: null, update: null });
    const supervisor = supervisorLogin.body.accessToken;

    const worklist = await call('GET', '/api/v1/worklist', { token: collector });
    expect(worklist.status).toBe(200);
    expect((await call('GET', '/api/v1/worklist', { token: collector, headers: { 'if-none-match': worklist.headers.get('etag')! } })).status).toBe(304);
    expect((await call('GET', '/api/v1/worklist', { token: supervisor })).status).toBe(403);

    // Photos: stored, sent again, refused for what they are.
    const photo = await jpegPhoto(901);
    const form = () => photoForm(photo) as unknown as BodyInit;
    expect((await call('POST', '/api/v1/media', { token: collector, body: form() })).status).toBe(201);
    expect((await call('POST', '/api/v1/media', { token: collector, body: form() })).status).toBe(200);
    const notAnImage = Buffer.from('plain text, not a photo');
    const textForm = photoForm(notAnImage);
    expect((await call('POST', '/api/v1/media', { token: collector, body: textForm as unknown as BodyInit })).status).toBe(415);
    const wrongHash = photoForm(photo);
    wrongHash.set('sha256', sha256Of(notAnImage));
    expect((await call('POST', '/api/v1/media', { token: collector, body: wrongHash as unknown as BodyInit })).status).toBe(400);
    expect((await call('POST', '/api/v1/media', { token: collector, body: photoForm(randomBytes(300_000)) as unknown as BodyInit })).status).toBe(413);

    // Visits of every result kind, sent again, contradicted, and refused.
    const { assignments, resultCodes, receiptRange } = worklist.body;
    const visits = resultCodes.map((resultCode: any, index: number) =>
      visitOf(assignments[index].id, resultCode.code, {
        photos: Array.from({ length: Math.max(resultCode.requires.minPhotos, 1) }, (_, n) => (n === 0 ? sha256Of(photo) : sha256Of(randomBytes(8)))),
        ...(resultCode.requires.payment ? { payment: { amount: 500_000 + index, receiptNo: receiptNo(receiptRange.prefix, index + 1) } } : {}),
        ...(resultCode.requires.promise ? { promise: { date: addDays(today(), 3), amount: 1_000_000 } } : {}),
        ...(index % 2 === 0 ? { notes: 'Bertemu keluarga debitur' } : {}),
      }),
    );
    const sent = await call('POST', '/api/v1/visits', { token: collector, json: { visits } });
    expect(sent.status).toBe(200);
    expect(sent.body.results.map((result: any) => result.status)).toEqual(visits.map(() => 'created'));
    const again = await call('POST', '/api/v1/visits', { token: collector, json: { visits: visits.slice(0, 2) } });
    expect(again.body.results.map((result: any) => result.status)).toEqual(['duplicate', 'duplicate']);
    const changed = { ...visits[1], notes: 'Isi lain' };
    const refusedVisit = visitOf(assignments[resultCodes.length].id, 'NO_SUCH_CODE');
    const mixed = await call('POST', '/api/v1/visits', { token: collector, json: { visits: [changed, refusedVisit] } });
    expect(mixed.body.results.map((result: any) => result.status)).toEqual(['conflict', 'rejected']);
    expect((await call('POST', '/api/v1/visits', { token: collector, json: { visits: 'none' } })).status).toBe(400);
    expect((await call('POST', '/api/v1/visits', { token: collector, body: 'visits', headers: { 'content-type': 'text/plain' } })).status).toBe(400);

    const status = await call('GET', '/api/v1/sync/status', { token: collector });
    expect(status.status).toBe(200);

    // Photos as their owner, a supervisor and someone else see them.
    const sha256 = sha256Of(photo);
    const download = await call('GET', `/api/v1/media/${sha256}`, { token: collector });
    expect(download.status).toBe(200);
    expect((await call('GET', `/api/v1/media/${sha256}?variant=thumb`, { token: supervisor })).status).toBe(200);
    expect(
      (
        await call('GET', `/api/v1/media/${sha256}`, {
          token: collector,
          headers: { 'if-none-match': download.headers.get('etag')!, 'cache-control': 'max-age=0' },
        })
      ).status,
    ).toBe(304);
    expect((await call('GET', `/api/v1/media/${sha256Of(notAnImage)}`, { token: collector })).status).toBe(404);
    expect((await call('GET', `/api/v1/media/${sha256}`, { token: await tokenOf('supervisor2') })).status).toBe(403);

    // Monitoring, by the supervisor of the branch.
    expect((await call('GET', '/api/v1/monitoring/progress', { token: supervisor })).status).toBe(200);
    const listed = await call('GET', '/api/v1/monitoring/visits', { token: supervisor });
    expect(listed.status).toBe(200);
    for (const item of listed.body.items) expect((await call('GET', `/api/v1/monitoring/visits/${item.id}`, { token: supervisor })).status).toBe(200);
    expect((await call('GET', `/api/v1/monitoring/visits/${UNKNOWN_ID}`, { token: supervisor })).status).toBe(404);
    expect((await call('GET', '/api/v1/monitoring/visits.csv', { token: supervisor })).status).toBe(200);
    expect((await call('GET', `/api/v1/monitoring/promises?from=${today()}&to=${addDays(today(), 7)}`, { token: supervisor })).status).toBe(200);
    expect((await call('GET', '/api/v1/monitoring/progress?branchCode=BDG01', { token: supervisor })).status).toBe(403);
    expect((await call('GET', '/api/v1/monitoring/progress', { token: collector })).status).toBe(403);
    expect((await call('GET', '/api/v1/monitoring/visits?limit=0', { token: supervisor })).status).toBe(400);

    // Administration.
    expect((await call('GET', '/api/v1/system', { token: admin })).status).toBe(200);
    expect((await call('GET', '/api/v1/admin/users', { token: supervisor })).status).toBe(403);
    const users = await call('GET', '/api/v1/admin/users', { token: admin });
    expect(users.status).toBe(200);
    const newcomer = { username: `dewi.${randomUUID().slice(0, 6)}`, fullName: 'Dewi Lestari', role: 'collector', branchCode: 'JKT01', password: 'Password-1' };
    const created = await call('POST', '/api/v1/admin/users', { token: admin, json: newcomer });
    expect(created.status).toBe(201);
    expect((await call('POST', '/api/v1/admin/users', { token: admin, json: newcomer })).status).toBe(409);
    const userId = created.body.id;
    expect((await call('PATCH', `/api/v1/admin/users/${userId}`, { token: admin, json: { fullName: 'Dewi L.' } })).status).toBe(200);
    expect((await call('POST', `/api/v1/admin/users/${userId}/password`, { token: admin, json: { password: 'Password-2' } })).status).toBe(200);
    expect(
      (
        await call('PUT', `/api/v1/admin/users/${userId}/receipt-range`, {
          token: admin,
          json: { prefix: `D${randomBytes(2).toString('hex').toUpperCase()}`, from: 1, to: 100 },
        })
      ).status,
    ).toBe(200);
    expect((await call('PATCH', `/api/v1/admin/users/${UNKNOWN_ID}`, { token: admin, json: { fullName: 'Nobody' } })).status).toBe(404);
    const devices = await call('GET', '/api/v1/admin/devices', { token: admin });
    expect(devices.status).toBe(200);
    expect((await call('GET', '/api/v1/admin/result-codes', { token: admin })).status).toBe(200);
    const resultCode = {
      code: `DOC_${randomBytes(2).toString('hex').toUpperCase()}`,
      label: 'Debitur sakit',
      requires: { payment: false, promise: false, gps: true, minPhotos: 1 },
    };
    expect((await call('POST', '/api/v1/admin/result-codes', { token: admin, json: resultCode })).status).toBe(201);
    expect((await call('POST', '/api/v1/admin/result-codes', { token: admin, json: resultCode })).status).toBe(409);
    expect((await call('PATCH', `/api/v1/admin/result-codes/${resultCode.code}`, { token: admin, json: { label: 'Debitur sedang sakit' } })).status).toBe(200);
    expect((await call('GET', '/api/v1/admin/audit', { token: admin })).status).toBe(200);
    const logo = await pngPhoto(7, 64, 64);
    const logoForm = new FormData();
    logoForm.set('file', new Blob([new Uint8Array(logo)], { type: 'image/png' }), 'logo.png');
    expect((await call('PUT', '/api/v1/admin/branding/logo', { token: admin, body: logoForm as unknown as BodyInit })).status).toBe(200);
    expect((await call('GET', '/api/v1/branding/logo')).status).toBe(200);

    // Evening: a close that does not add up, then the one that does.
    const mismatch = await call('POST', '/api/v1/batch/close', {
      token: collector,
      json: { visitCount: visits.length, paidAmount: 1, promisedAmount: 0, visitIds: visits.slice(1).map((visit: any) => visit.id) },
    });
    expect(mismatch.status).toBe(409);
    const totals = status.body.totals;
    const closed = await call('POST', '/api/v1/batch/close', { token: collector, json: { ...totals, visitIds: status.body.visitIds } });
    expect(closed.status).toBe(200);
    expect((await call('GET', '/api/v1/worklist', { token: collector })).status).toBe(409);
    expect((await call('POST', '/api/v1/device/reset', { token: collector, json: {} })).status).toBe(200);
    const device = devices.body.items.find((item: any) => item.deviceKey === collectorPhone.deviceId);
    expect((await call('POST', `/api/v1/admin/devices/${device.id}/revoke`, { token: admin })).status).toBe(200);
    expect((await call('POST', `/api/v1/admin/devices/${device.id}/revoke`, { token: admin })).status).toBe(409);
    expect((await call('GET', '/api/v1/sync/status', { token: collector })).status).toBe(401);

    // The channel's minimum rises: an old app is turned away at login with the update.
    expect((await callOta('PUT', '/api/v1/ota/channels/production/minimum', { token: admin, json: { minVersionCode: API_DEMOS.versionCode } })).status).toBe(
      200,
    );
    expect((await logIn('collector3', { ...phone('android-doc-c3', { appVersionCode: 1 }) })).status).toBe(426);
    expect((await callOta('POST', `/api/v1/ota/releases/${releaseId}/halt`, { token: admin })).status).toBe(200);
    expect((await callOta('POST', `/api/v1/ota/releases/${releaseId}/resume`, { token: admin })).status).toBe(200);

    // Someone guessing passwords is stopped.
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await logIn('supervisor2', {}, `guess-${attempt}`)).status).toBe(401);
    expect((await logIn('supervisor2')).status).toBe(429);
  });

  it.each(['gateway', 'ota'] as const)('documents every answer the %s gave, status and body, nulls included', (app) => {
    const [document, exchanges] = app === 'gateway' ? [gatewayDocument, gatewayExchanges] : [otaDocument, otaExchanges];
    expect(exchanges.length).toBeGreaterThan(app === 'gateway' ? 60 : 15);
    expect(exchanges.flatMap((exchange) => document.contradictionsOf(exchange))).toEqual([]);
  });
});
