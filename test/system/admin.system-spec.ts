import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD, login, phone } from '../support/demo-users.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem } from '../support/system-harness.js';
import { testEngines } from '../support/test-database.js';

describe.each(testEngines())('admin on %s, one process', (engine) => {
  let system: RunningSystem;
  let admin: string;

  const get = (path: string, token = admin) => system.request(`/api/v1${path}`, { token });
  const send = (method: string, path: string, json: unknown, token = admin) => system.request(`/api/v1${path}`, { method, token, json });
  const userNamed = async (username: string) => (await get(`/admin/users?limit=200`)).body.items.find((u: any) => u.username === username);
  const auditOf = async (subjectId: string) => (await get(`/admin/audit?subjectId=${subjectId}`)).body.items;

  beforeAll(async () => {
    system = await startSystem({ mode: 'single', engine });
    admin = (await login(system, 'admin')).token;
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  it('lists users with filters and paging', async () => {
    const all = await get('/admin/users');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(6);
    expect(all.body.items.map((u: any) => u.username)).toEqual(['admin', 'collector1', 'collector2', 'collector3', 'supervisor1', 'supervisor2']);
    const jakarta = await get('/admin/users?role=collector&branchCode=JKT01');
    expect(jakarta.body.items.map((u: any) => u.username)).toEqual(['collector1', 'collector2']);
    expect(jakarta.body.items[0]).toMatchObject({ branchCode: 'JKT01', active: true, receiptRange: { prefix: 'KWJ1', from: 1, to: 500 } });
    expect(jakarta.body.items[0]).not.toHaveProperty('passwordHash');
    const second = await get('/admin/users?limit=2&offset=2');
    expect(second.body).toMatchObject({ total: 6, limit: 2, offset: 2 });
    expect(second.body.items.map((u: any) => u.username)).toEqual(['collector2', 'collector3']);
  });

  it('refuses bad list queries, naming the parameter', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['offset=-1', 'offset'],
      ['role=boss', 'role'],
      ['active=maybe', 'active'],
      ['sort=username', 'sort'],
    ]) {
      const reply = await get(`/admin/users?${query}`);
      expect(reply.status).toBe(400);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(reply.body.errors.map((e: any) => e.field)).toContain(field);
    }
  });

  it('creates a collector who logs in with the initial password, and audits it with the request id', async () => {
    const requestId = `admin-create-${engine}`;
    const created = await system.request('/api/v1/admin/users', {
      method: 'POST',
      token: admin,
      headers: { 'x-request-id': requestId },
      json: { username: `budi`, fullName: 'Budi Santoso', role: 'collector', branchCode: 'BDG01', password: 'Rahasia-2026' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: `budi`, role: 'collector', branchCode: 'BDG01', active: true, receiptRange: null });
    const session = await system.request('/api/v1/auth/login', {
      method: 'POST',
      json: { username: `budi`, password: 'Rahasia-2026', ...phone(`budi-phone`) },
    });
    expect(session.status).toBe(200);
    expect(session.body.user.branchCode).toBe('BDG01');
    const [entry] = await auditOf(created.body.id);
    expect(entry).toMatchObject({ action: 'user.create', subjectType: 'user', requestId, actor: { username: 'admin' } });
    expect(entry.details).toEqual({ username: `budi`, fullName: 'Budi Santoso', role: 'collector', branchId: created.body.branchId });
    expect(JSON.stringify(entry)).not.toContain('Rahasia');
    expect(JSON.stringify(entry)).not.toContain('scrypt');
  });

  it('refuses a taken username with 409 and bad users with 400, storing nothing', async () => {
    const before = (await get('/admin/users')).body.total;
    const auditBefore = (await get('/admin/audit')).body.total;
    const taken = await send('POST', '/admin/users', { username: 'collector1', fullName: 'X', role: 'collector', branchCode: 'JKT01', password: 'Password-1' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('username-taken');
    const cases: [unknown, string][] = [
      [{ username: 'new1', fullName: 'X', role: 'collector', branchCode: 'JKT01', password: 'short' }, 'password'],
      [{ username: 'new1', fullName: 'X', role: 'collector', password: 'Password-1' }, 'branchCode'],
      [{ username: 'new1', fullName: 'X', role: 'admin', branchCode: 'JKT01', password: 'Password-1' }, 'branchCode'],
      [{ username: 'new1', fullName: 'X', role: 'collector', branchCode: 'NOPE1', password: 'Password-1' }, 'branchCode'],
      [{ username: 'New User', fullName: 'X', role: 'collector', branchCode: 'JKT01', password: 'Password-1' }, 'username'],
      [{ username: 'new1', fullName: 'X', role: 'root', branchCode: 'JKT01', password: 'Password-1' }, 'role'],
      [{ username: 'new1', fullName: 'X', role: 'collector', branchCode: 'JKT01', password: 'Password-1', isAdmin: true }, 'isAdmin'],
    ];
    for (const [json, field] of cases) {
      const reply = await send('POST', '/admin/users', json);
      expect(reply.status).toBe(400);
      expect(reply.body.errors.map((e: any) => e.field)).toContain(field);
    }
    expect((await get('/admin/users')).body.total).toBe(before);
    expect((await get('/admin/audit')).body.total).toBe(auditBefore);
  });

  it('creates a username once when five admins race for it', async () => {
    const username = `race`;
    const replies = await Promise.all(
      Array.from({ length: 5 }, () =>
        send('POST', '/admin/users', { username, fullName: 'Race', role: 'supervisor', branchCode: 'JKT01', password: 'Password-1' }),
      ),
    );
    expect(replies.map((reply) => reply.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect((await get('/admin/users?limit=200')).body.items.filter((u: any) => u.username === username)).toHaveLength(1);
    expect((await get('/admin/audit?action=user.create&limit=200')).body.items.filter((e: any) => e.details.username === username)).toHaveLength(1);
  });

  it('updates a user, disables them so their token stops at once, and resets a password', async () => {
    const created = await send('POST', '/admin/users', { username: `sri`, fullName: 'Sri', role: 'supervisor', branchCode: 'JKT01', password: 'Password-1' });
    const id = created.body.id;
    const demoPassword = await system.request('/api/v1/auth/login', { method: 'POST', json: { username: `sri`, password: DEMO_PASSWORD } });
    expect(demoPassword.status).toBe(401);
    expect(demoPassword.body).toMatchObject({ status: 401, code: 'unauthorized', detail: 'Wrong username or password' });
    const loggedIn = await system.request('/api/v1/auth/login', { method: 'POST', json: { username: `sri`, password: 'Password-1' } });
    expect(loggedIn.status).toBe(200);
    const token = loggedIn.body.accessToken;
    expect((await get('/monitoring/progress', token)).status).toBe(200);

    const moved = await send('PATCH', `/admin/users/${id}`, { fullName: 'Sri Mulyani', branchCode: 'BDG01' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ fullName: 'Sri Mulyani', branchCode: 'BDG01', active: true });
    const disabled = await send('PATCH', `/admin/users/${id}`, { active: false });
    expect(disabled.body.active).toBe(false);
    const refused = await get('/monitoring/progress', token);
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toContain('disabled');

    await send('PATCH', `/admin/users/${id}`, { active: true });
    const reset = await send('POST', `/admin/users/${id}/password`, { password: 'Baru-Sekali-9' });
    expect(reset.status).toBe(200);
    const oldPassword = await system.request('/api/v1/auth/login', { method: 'POST', json: { username: `sri`, password: 'Password-1' } });
    expect(oldPassword.status).toBe(401);
    const newPassword = await system.request('/api/v1/auth/login', { method: 'POST', json: { username: `sri`, password: 'Baru-Sekali-9' } });
    expect(newPassword.status).toBe(200);

    const actions = (await auditOf(id)).map((entry: any) => entry.action);
    expect(actions).toEqual(['user.resetPassword', 'user.update', 'user.update', 'user.update', 'user.create']);
    const [, , , move] = await auditOf(id);
    expect(move.details).toEqual({ fullName: { from: 'Sri', to: 'Sri Mulyani' }, branchId: { from: expect.any(String), to: moved.body.branchId } });

    expect((await send('PATCH', `/admin/users/${id}`, { role: 'admin' })).body.errors[0].field).toBe('branchCode');
    expect((await send('POST', `/admin/users/${id}/password`, { password: '1234567' })).status).toBe(400);
    expect((await send('PATCH', '/admin/users/not-a-uuid', { fullName: 'X' })).body.errors[0].field).toBe('id');
    expect((await send('PATCH', '/admin/users/00000000-0000-4000-8000-000000000000', { fullName: 'X' })).status).toBe(404);
  });

  it('keeps an admin from locking themselves out', async () => {
    const me = await userNamed('admin');
    const reply = await send('PATCH', `/admin/users/${me.id}`, { active: false });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('own-admin-account');
    expect((await get('/admin/users?role=admin')).body.items[0].active).toBe(true);
  });

  it('allots a receipt range to a collector; a taken prefix is 409 and the old range stays', async () => {
    const collector2 = await userNamed('collector2');
    const taken = await send('PUT', `/admin/users/${collector2.id}/receipt-range`, { prefix: 'KWJ1', from: 1, to: 100 });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('receipt-prefix-taken');
    expect((await userNamed('collector2')).receiptRange).toEqual({ prefix: 'KWJ2', from: 1, to: 500 });
    const backwards = await send('PUT', `/admin/users/${collector2.id}/receipt-range`, { prefix: 'KWX2', from: 50, to: 10 });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0].field).toBe('to');
    const assigned = await send('PUT', `/admin/users/${collector2.id}/receipt-range`, {
      prefix: `KWJ9${engine === 'sqlite' ? 'S' : 'P'}`,
      from: 501,
      to: 1000,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.receiptRange).toEqual({ prefix: assigned.body.receiptRange.prefix, from: 501, to: 1000 });
    const supervisor = await userNamed('supervisor1');
    const notCollector = await send('PUT', `/admin/users/${supervisor.id}/receipt-range`, { prefix: 'KWS1', from: 1, to: 10 });
    expect(notCollector.status).toBe(409);
    expect(notCollector.body.code).toBe('not-a-collector');
    const [entry] = await auditOf(collector2.id);
    expect(entry).toMatchObject({ action: 'user.assignReceiptRange', details: { from: 501, to: 1000, replaced: ['KWJ2'] } });
  });

  it('revokes a phone: its next request is 401 at once and it can never log in again', async () => {
    const first = await login(system, 'collector3', phone(`c3-phone-a`));
    expect((await get('/admin/users', admin)).status).toBe(200);
    const devices = await get(`/admin/devices?userId=${first.user.id}&status=active`);
    expect(devices.body.items).toHaveLength(1);
    const device = devices.body.items[0];
    expect(device).toMatchObject({ username: 'collector3', deviceKey: `c3-phone-a`, status: 'active' });

    const revoked = await send('POST', `/admin/devices/${device.id}/revoke`, {});
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', endedAt: expect.any(String) });
    const next = await system.request('/api/v1/monitoring/progress', { token: first.token });
    expect(next.status).toBe(401);
    const again = await system.request('/api/v1/auth/login', {
      method: 'POST',
      json: { username: 'collector3', password: DEMO_PASSWORD, ...phone(`c3-phone-a`) },
    });
    expect(again.status).toBe(403);
    expect((await send('POST', `/admin/devices/${device.id}/revoke`, {})).status).toBe(409);
    expect((await send('POST', `/admin/devices/${device.id}/release`, {})).status).toBe(409);
    const [entry] = await auditOf(device.id);
    expect(entry).toMatchObject({ action: 'device.revoke', details: { from: 'active', to: 'revoked', deviceKey: `c3-phone-a` } });
  });

  it('releases a phone: a second phone, refused with 409 before, logs in after', async () => {
    const first = await login(system, 'collector1', phone(`c1-phone-a`));
    const refused = await system.request('/api/v1/auth/login', {
      method: 'POST',
      json: { username: 'collector1', password: DEMO_PASSWORD, ...phone(`c1-phone-b`) },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('device-already-bound');
    const device = (await get(`/admin/devices?userId=${first.user.id}&status=active`)).body.items[0];
    const released = await send('POST', `/admin/devices/${device.id}/release`, {});
    expect(released.status).toBe(200);
    expect(released.body.status).toBe('released');
    expect((await system.request('/api/v1/monitoring/progress', { token: first.token })).status).toBe(401);
    const second = await login(system, 'collector1', phone(`c1-phone-b`));
    expect(second.batch?.id).toBe(first.batch?.id);
    const statuses = (await get(`/admin/devices?userId=${first.user.id}`)).body.items.map((d: any) => [d.deviceKey, d.status]);
    expect(statuses).toEqual(
      expect.arrayContaining([
        [`c1-phone-a`, 'released'],
        [`c1-phone-b`, 'active'],
      ]),
    );
    expect((await get('/admin/devices?status=lost')).body.errors[0].field).toBe('status');
  });

  it('manages result codes with validated formats and audits each change', async () => {
    const list = await get('/admin/result-codes');
    expect(list.body.map((c: any) => c.code)).toEqual(['PAID', 'PARTIAL', 'PTP', 'NOT_MET', 'HOUSE_EMPTY', 'MOVED', 'REFUSED']);
    expect(list.body[0]).toEqual({
      code: 'PAID',
      label: expect.any(String),
      requires: { payment: true, promise: false, gps: true, minPhotos: 1 },
      active: true,
      sortOrder: expect.any(Number),
    });
    const code = 'NOT_HOME';
    const created = await send('POST', '/admin/result-codes', {
      code,
      label: 'Tidak di rumah',
      requires: { payment: false, promise: false, gps: true, minPhotos: 2 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      code,
      label: 'Tidak di rumah',
      requires: { payment: false, promise: false, gps: true, minPhotos: 2 },
      active: true,
      sortOrder: 100,
    });
    expect((await send('POST', '/admin/result-codes', created.body)).status).toBe(409);
    const updated = await send('PATCH', `/admin/result-codes/${code}`, { requires: { minPhotos: 0 }, active: false });
    expect(updated.body).toMatchObject({ requires: { payment: false, promise: false, gps: true, minPhotos: 0 }, active: false, label: 'Tidak di rumah' });
    const [entry] = await auditOf(code);
    expect(entry).toMatchObject({ action: 'resultCode.update', details: { from: { active: true }, to: { active: false } } });
    for (const [json, field] of [
      [{ code: 'paid2', label: 'x', requires: { payment: true, promise: false, gps: true, minPhotos: 0 } }, 'code'],
      [{ code: 'X2', label: 'x', requires: { payment: 'yes', promise: false, gps: true, minPhotos: 0 } }, 'requires.payment'],
      [{ code: 'X2', label: 'x', requires: { payment: true, promise: false, gps: true, minPhotos: 11 } }, 'requires.minPhotos'],
      [{ code: 'X2', label: 'x' }, 'requires'],
    ] as [unknown, string][]) {
      const reply = await send('POST', '/admin/result-codes', json);
      expect(reply.status).toBe(400);
      expect(reply.body.errors.map((e: any) => e.field)).toContain(field);
    }
    expect((await send('PATCH', '/admin/result-codes/NOPE', { label: 'x' })).status).toBe(404);
    expect((await get('/admin/result-codes')).body.map((c: any) => c.code)).not.toContain('X2');
  });

  it('pages the audit trail newest first', async () => {
    const page = await get('/admin/audit?limit=2');
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThan(5);
    expect(page.body.items[0].id).toBeGreaterThan(page.body.items[1].id);
    const devices = await get('/admin/audit?action=device.revoke');
    expect(devices.body.items.every((e: any) => e.action === 'device.revoke')).toBe(true);
  });
});
