import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signAccessToken } from '../support/access-tokens.js';
import { DEMO_PASSWORD, login, phone } from '../support/demo-users.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem } from '../support/system-harness.js';
import { testEngines } from '../support/test-database.js';

function todayInJakarta(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
}

describe.each(testEngines())('online login on %s, one process', (engine) => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({ mode: 'single', engine });
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  function attempt(json: Record<string, unknown>) {
    return system.request('/api/v1/auth/login', { method: 'POST', json });
  }

  it('logs a supervisor in from the web with a token valid until the end of the working day', async () => {
    const reply = await attempt({ username: 'supervisor1', password: DEMO_PASSWORD });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      tokenType: 'Bearer',
      user: { username: 'supervisor1', role: 'supervisor', branchCode: 'JKT01', fullName: 'Rina Wulandari' },
      batch: null,
      update: null,
    });
    const endOfDay = new Date(`${todayInJakarta()}T00:00:00+07:00`).getTime() + 24 * 3600 * 1000;
    expect(new Date(reply.body.expiresAt).getTime()).toBe(endOfDay);
    const claims = JSON.parse(Buffer.from(reply.body.accessToken.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ sub: reply.body.user.id, role: 'supervisor', exp: endOfDay / 1000 });
  });

  it("opens a collector's batch for today and returns the same batch on a second login from the same phone", async () => {
    const first = await login(system, 'collector1', phone('android-c1-main'));
    expect(first.batch).toMatchObject({ workDate: todayInJakarta(), status: 'open' });
    const again = await login(system, 'collector1', phone('android-c1-main', { appVersionCode: 101 }));
    expect(again.batch?.id).toBe(first.batch?.id);
  });

  it('refuses a second phone for a collector with 409 until an admin releases the first', async () => {
    await login(system, 'collector2', phone('android-c2-main'));
    const reply = await attempt({ username: 'collector2', password: DEMO_PASSWORD, ...phone('android-c2-other') });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('device-already-bound');
    expect(reply.body.detail).toContain('an admin must release it first');
    expect((await login(system, 'collector2', phone('android-c2-main'))).batch?.status).toBe('open');
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = await attempt({ username: 'admin', password: 'Demo-12345' });
    const unknown = await attempt({ username: 'nobody', password: DEMO_PASSWORD });
    for (const reply of [wrong, unknown]) {
      expect(reply.status).toBe(401);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(reply.body).toMatchObject({ code: 'unauthorized', detail: 'Wrong username or password' });
      expect(reply.body.accessToken).toBeUndefined();
    }
  });

  it('throttles failed logins per user and address, even once the password is right', async () => {
    for (let i = 0; i < 5; i += 1) {
      expect((await attempt({ username: 'supervisor2', password: `wrong-${i}` })).status).toBe(401);
    }
    const blocked = await attempt({ username: 'supervisor2', password: DEMO_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too-many-login-attempts');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect((await attempt({ username: 'supervisor1', password: DEMO_PASSWORD })).status).toBe(200);
  });

  it('refuses Android older than 6.0 with 426 and binds nothing', async () => {
    const reply = await attempt({ username: 'collector3', password: DEMO_PASSWORD, ...phone('android-c3-old', { androidSdk: 22 }) });
    expect(reply.status).toBe(426);
    expect(reply.body).toMatchObject({ code: 'android-unsupported', minAndroidSdk: 23 });
    expect(reply.body.detail).toContain('Android 6.0');
    const other = await login(system, 'collector3', phone('android-c3-new'));
    expect(other.batch?.status).toBe('open');
  });

  it.each([
    [{ username: 'collector1', password: DEMO_PASSWORD }, ['deviceId', 'androidSdk', 'appVersionCode']],
    [{ username: 'admin' }, ['password']],
    [{ username: 'admin', password: DEMO_PASSWORD, role: 'admin' }, ['role']],
    [{ username: 'admin', password: DEMO_PASSWORD, androidSdk: 'new' }, ['androidSdk']],
  ])('refuses %j naming %j', async (json, fields) => {
    const reply = await attempt(json);
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('validation-failed');
    expect([...new Set(reply.body.errors.map((e: { field: string }) => e.field))]).toEqual(fields);
  });

  it('refuses a tampered, a foreign-signed and an expired token', async () => {
    const admin = await login(system, 'admin');
    const [header, payload, signature] = admin.token.split('.');
    const raised = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin', username: 'x' })).toString(
      'base64url',
    );
    const expired = signAccessToken(system, { sub: admin.user.id, username: 'admin', role: 'admin', branchId: null, deviceId: null }, -10);
    for (const [token, detail] of [
      [`${header}.${raised}.${signature}`, 'The access token is not valid'],
      [`${header}.${payload}.${'A'.repeat(signature.length)}`, 'The access token is not valid'],
      [expired, 'The access token has expired; log in again'],
    ]) {
      const reply = await system.request('/api/v1/system', { token });
      expect(reply.status).toBe(401);
      expect(reply.body.detail).toBe(detail);
    }
    expect((await system.request('/api/v1/system', { token: admin.token })).status).toBe(200);
  });
});
