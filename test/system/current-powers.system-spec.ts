import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { API_DEMOS, API_DEMOS_APK } from '../support/apk-fixtures.js';
import { DEMO_PASSWORD, login, phone } from '../support/demo-users.js';
import { sendVisits, submitVisits, uploadPhoto, visitOf, worklistOf } from '../support/field-visits.js';
import { publishRelease, storedReleaseFiles } from '../support/ota-releases.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type HttpReply, type RunningSystem } from '../support/system-harness.js';
import { testEngines } from '../support/test-database.js';
import { jpegPhoto, sha256Of } from '../support/test-photos.js';

const OTA_ENV = { OTA_PACKAGE: API_DEMOS.packageName, OTA_MAX_APK_BYTES: '8000000' };
const APK_BYTES = readFileSync(API_DEMOS_APK);

/**
 * Every request acts on its caller as they are now, not as their token remembers them: a change an admin
 * makes to a user (disabled, demoted, moved, blocked from binding phones) holds from that user's very next
 * request, on the gateway and on the ota app's own port.
 */
describe.each(testEngines())('powers as they are now on %s, one process', (engine) => {
  let system: RunningSystem;
  let admin: string;

  const get = (path: string, token = admin) => system.request(`/api/v1${path}`, { token });
  const send = (method: string, path: string, json: unknown, token = admin) => system.request(`/api/v1${path}`, { method, token, json });
  const otaGet = (path: string, token: string) => system.otaRequest(`/api/v1/ota${path}`, { token });
  const userNamed = async (username: string) => (await get('/admin/users?limit=200')).body.items.find((user: any) => user.username === username);
  const auditOf = async (subjectId: string) => (await get(`/admin/audit?subjectId=${subjectId}`)).body.items;

  /** A user made by the admin, logged in from the web. */
  async function webUser(username: string, role: 'admin' | 'supervisor', branchCode: string | null): Promise<{ id: string; token: string }> {
    const created = await send('POST', '/admin/users', { username, fullName: username, role, branchCode, password: DEMO_PASSWORD });
    expect(created.status).toBe(201);
    return { id: created.body.id, token: (await login(system, username)).token };
  }

  function expectSessionEnded(reply: HttpReply, reason: string): void {
    expect(reply.status).toBe(401);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body).toMatchObject({ code: 'unauthorized', detail: expect.stringContaining(reason) });
  }

  beforeAll(async () => {
    system = await startSystem({ mode: 'single', engine, env: OTA_ENV });
    admin = (await login(system, 'admin')).token;
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  it('locks an admin disabled by another admin out at once on both ports: its mandatory release is refused and nothing is published', async () => {
    const other = await webUser('admin.disabled', 'admin', null);
    expect((await get('/admin/users', other.token)).status).toBe(200);
    expect((await otaGet('/releases', other.token)).status).toBe(200);

    expect((await send('PATCH', `/admin/users/${other.id}`, { active: false })).body.active).toBe(false);

    expectSessionEnded(await get('/admin/users', other.token), 'disabled');
    expectSessionEnded(await publishRelease(system, other.token, APK_BYTES, { mandatory: 'true' }), 'disabled');
    expectSessionEnded(await otaGet('/releases', other.token), 'disabled');
    expectSessionEnded(
      await system.otaRequest('/api/v1/ota/channels/production/minimum', { method: 'PUT', token: other.token, json: { minVersionCode: 25 } }),
      'disabled',
    );
    expect(storedReleaseFiles(system)).toEqual({ releases: [], incoming: [] });
    expect((await otaGet('/releases', admin)).body.releases).toEqual([]);
    expect((await get('/admin/audit?subjectType=release')).body.total).toBe(0);
  });

  it('refuses an admin demoted to supervisor every admin call with the old token on both ports, so it cannot promote itself back', async () => {
    const demoted = await webUser('admin.demoted', 'admin', null);
    expect((await otaGet('/releases', demoted.token)).status).toBe(200);

    const demotion = await send('PATCH', `/admin/users/${demoted.id}`, { role: 'supervisor', branchCode: 'JKT01' });
    expect(demotion.body).toMatchObject({ role: 'supervisor', branchCode: 'JKT01' });

    expectSessionEnded(await send('PATCH', `/admin/users/${demoted.id}`, { role: 'admin', branchCode: null }, demoted.token), 'role');
    expectSessionEnded(
      await send('POST', '/admin/users', { username: 'admin.shadow', fullName: 'Shadow', role: 'admin', password: DEMO_PASSWORD }, demoted.token),
      'role',
    );
    expectSessionEnded(await get('/admin/users', demoted.token), 'role');
    expectSessionEnded(await publishRelease(system, demoted.token, APK_BYTES, { channel: 'beta', mandatory: 'true' }), 'role');
    expectSessionEnded(await otaGet('/releases', demoted.token), 'role');
    expect(await userNamed('admin.demoted')).toMatchObject({ role: 'supervisor', branchCode: 'JKT01', active: true });
    expect(await userNamed('admin.shadow')).toBeUndefined();
    expect((await auditOf(demoted.id)).map((entry: any) => entry.action)).toEqual(['user.update', 'user.create']);
    expect(storedReleaseFiles(system)).toEqual({ releases: [], incoming: [] });

    const again = await login(system, 'admin.demoted');
    expect(again.user).toMatchObject({ role: 'supervisor', branchCode: 'JKT01' });
    expect((await get('/admin/users', again.token)).status).toBe(403);
    expect((await otaGet('/releases', again.token)).status).toBe(403);
    expect((await publishRelease(system, again.token, APK_BYTES, { channel: 'beta' })).status).toBe(403);
    expect((await get('/monitoring/progress', again.token)).status).toBe(200);

    // The refusals were the callers', not the file's: a current admin publishes the same APK.
    const published = await publishRelease(system, admin, APK_BYTES, { mandatory: 'true' });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ versionCode: API_DEMOS.versionCode, publishedBy: 'admin', mandatory: true });
  });

  it('shows a supervisor moved to another branch the new branch and not the old one, with the token from before the move', async () => {
    const moved = await webUser('supervisor.moved', 'supervisor', 'JKT01');
    const collectorsSeen = async () => {
      const reply = await get('/monitoring/progress', moved.token);
      expect(reply.status).toBe(200);
      return reply.body.collectors.map((row: any) => `${row.branchCode}/${row.collector.username}`).sort();
    };
    expect(await collectorsSeen()).toEqual(['JKT01/collector1', 'JKT01/collector2']);

    expect((await send('PATCH', `/admin/users/${moved.id}`, { branchCode: 'BDG01' })).body.branchCode).toBe('BDG01');

    expect(await collectorsSeen()).toEqual(['BDG01/collector3']);
    const collector1 = await userNamed('collector1');
    expect((await get('/monitoring/progress?branchCode=JKT01', moved.token)).status).toBe(403);
    expect((await get(`/monitoring/visits?collectorId=${collector1.id}`, moved.token)).status).toBe(404);
    expect((await get('/monitoring/visits?branchCode=BDG01', moved.token)).status).toBe(200);
  });

  it("ends a collector's session on the LKH and the visit upload, whose session the database checks within the call itself", async () => {
    const { id } = await userNamed('collector3');
    const session = await login(system, 'collector3', phone('hot-path-phone'));
    const [assignment] = (await worklistOf(system, session)).assignments;
    const visit = visitOf(assignment.id, 'REFUSED', { photos: [] });

    expect((await send('PATCH', `/admin/users/${id}`, { active: false })).body.active).toBe(false);
    expectSessionEnded(await get('/worklist', session.token), 'disabled');
    expectSessionEnded(await sendVisits(system, session.token, [visit]), 'disabled');

    expect((await send('PATCH', `/admin/users/${id}`, { active: true })).body.active).toBe(true);
    const again = await login(system, 'collector3', phone('hot-path-phone'));
    expect((await submitVisits(system, again, [visit])).map((result) => result.status)).toEqual(['created']);

    expect((await send('PATCH', `/admin/users/${id}`, { role: 'supervisor' })).body.role).toBe('supervisor');
    expectSessionEnded(await get('/worklist', again.token), 'role changed');
    expectSessionEnded(await sendVisits(system, again.token, [visitOf(assignment.id, 'REFUSED', { photos: [] })]), 'role changed');
    expect((await send('PATCH', `/admin/users/${id}`, { role: 'collector' })).body.role).toBe('collector');
    expect((await get(`/monitoring/visits?collectorId=${id}`)).body.items.map((stored: any) => stored.id)).toEqual([visit.id]);
  });

  it('stops a person from binding any phone: a blocked collector keeps only the phone already bound, and a revoked phone stays out on every account', async () => {
    const created = await send('POST', '/admin/users', {
      username: 'kolektor.blok',
      fullName: 'Blok',
      role: 'collector',
      branchCode: 'JKT01',
      password: DEMO_PASSWORD,
    });
    expect(created.body.mayBindDevices).toBe(true);
    const id = created.body.id;
    const first = await login(system, 'kolektor.blok', phone('blok-phone-a'));

    const blocked = await send('PATCH', `/admin/users/${id}`, { mayBindDevices: false });
    expect(blocked.status).toBe(200);
    expect(blocked.body).toMatchObject({ mayBindDevices: false, active: true });
    const [entry] = await auditOf(id);
    expect(entry).toMatchObject({ action: 'user.update', details: { mayBindDevices: { from: true, to: false } } });
    expect((await get('/admin/users?limit=200')).body.items.find((user: any) => user.id === id).mayBindDevices).toBe(false);

    const sameDevice = await login(system, 'kolektor.blok', phone('blok-phone-a'));
    expect(sameDevice.batch?.id).toBe(first.batch?.id);
    const [device] = (await get(`/admin/devices?userId=${id}&status=active`)).body.items;
    expect((await send('POST', `/admin/devices/${device.id}/revoke`, {})).status).toBe(200);
    expectSessionEnded(await get('/worklist', sameDevice.token), 'phone');

    const madeUp = await system.request('/api/v1/auth/login', {
      method: 'POST',
      json: { username: 'kolektor.blok', password: DEMO_PASSWORD, ...phone('blok-made-up') },
    });
    expect(madeUp.status).toBe(403);
    expect(madeUp.body.code).toBe('device-binding-blocked');
    const devices = (await get(`/admin/devices?userId=${id}`)).body.items.map((d: any) => [d.deviceKey, d.status]);
    expect(devices).toEqual([['blok-phone-a', 'revoked']]);

    expect((await send('PATCH', `/admin/users/${id}`, { mayBindDevices: true })).body.mayBindDevices).toBe(true);
    const rebound = await login(system, 'kolektor.blok', phone('blok-made-up'));
    expect((await get('/worklist', rebound.token)).status).toBe(200);

    const elsewhere = await send('POST', '/admin/users', {
      username: 'kolektor.lain',
      fullName: 'Lain',
      role: 'collector',
      branchCode: 'JKT01',
      password: DEMO_PASSWORD,
    });
    const revokedPhone = await system.request('/api/v1/auth/login', {
      method: 'POST',
      json: { username: 'kolektor.lain', password: DEMO_PASSWORD, ...phone('blok-phone-a') },
    });
    expect(revokedPhone.status).toBe(403);
    expect(revokedPhone.body.code).toBe('device-revoked');
    expect((await get(`/admin/devices?userId=${elsewhere.body.id}`)).body.total).toBe(0);
    expect((await send('PATCH', `/admin/users/${id}`, { mayBindDevices: 'no' })).body.errors[0].field).toBe('mayBindDevices');
  });

  it("counts a visit's proof photo only once the visit's own collector has sent it", async () => {
    const [collector1, collector2] = [await login(system, 'collector1', phone('owner-c1')), await login(system, 'collector2', phone('owner-c2'))];
    const photo = await jpegPhoto(7301);
    const sha256 = sha256Of(photo);
    expect((await uploadPhoto(system, collector1.token, photo)).status).toBe(201);

    const [assignment] = (await worklistOf(system, collector2)).assignments;
    const visit = visitOf(assignment.id, 'NOT_MET', { photos: [sha256] });
    await submitVisits(system, collector2, [visit]);
    const syncOf = async () => {
      const status = await get('/sync/status', collector2.token);
      expect(status.status).toBe(200);
      return { photos: status.body.visits.find((v: any) => v.id === visit.id).photos, incomplete: status.body.incompleteVisits.includes(visit.id) };
    };
    const monitoredPhoto = async () => (await get(`/monitoring/visits/${visit.id}`)).body.photos[0];

    expect(await syncOf()).toEqual({ photos: { expected: [sha256], received: [], missing: [sha256] }, incomplete: true });
    expect(await monitoredPhoto()).toMatchObject({ sha256, received: null, assessment: null });

    const resent = await uploadPhoto(system, collector2.token, photo);
    expect(resent.status).toBe(200);
    expect(resent.body.uploader.userId).toBe(collector2.user.id);

    expect(await syncOf()).toEqual({ photos: { expected: [sha256], received: [sha256], missing: [] }, incomplete: false });
    expect(await monitoredPhoto()).toMatchObject({ sha256, received: { sha256, size: photo.length } });
  });
});
