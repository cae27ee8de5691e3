import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem } from '../support/system-harness.js';
import { testEngines } from '../support/test-database.js';

const FIRST_PASSWORD = 'Pertama-2026!';

/**
 * An installation without demo data (production's default) has no user until the operator names its first
 * admin: made once, from FIRST_ADMIN_USERNAME and FIRST_ADMIN_PASSWORD, while no admin exists.
 */
describe.each(testEngines())('the first admin of an installation without demo data on %s', (engine) => {
  let system: RunningSystem;

  const loginAs = (username: string, password: string) => system.request('/api/v1/auth/login', { method: 'POST', json: { username, password } });

  beforeAll(async () => {
    system = await startSystem({
      mode: 'single',
      engine,
      env: { DEMO_DATA: 'false', FIRST_ADMIN_USERNAME: 'ops.admin', FIRST_ADMIN_PASSWORD: FIRST_PASSWORD },
    });
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  it('logs in as the only user, audited, and its password never appears in the logs', async () => {
    const reply = await loginAs('ops.admin', FIRST_PASSWORD);
    expect(reply.status).toBe(200);
    expect(reply.body.user).toMatchObject({ username: 'ops.admin', role: 'admin', branchId: null });
    const token = reply.body.accessToken;
    const users = await system.request('/api/v1/admin/users', { token });
    expect(users.body.items.map((user: any) => user.username)).toEqual(['ops.admin']);
    const audit = await system.request(`/api/v1/admin/audit?subjectId=${reply.body.user.id}`, { token });
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'user.create', details: { by: 'FIRST_ADMIN_PASSWORD' } })]);
    expect((await loginAs('admin', 'Demo-1234')).status).toBe(401);
    expect(JSON.stringify(system.logOf('database'))).not.toContain(FIRST_PASSWORD);
  });

  it('is made once: a later start with another password changes nothing', async () => {
    system.env.FIRST_ADMIN_PASSWORD = 'Kedua-2026!!';
    await system.restartAll();
    expect((await loginAs('ops.admin', FIRST_PASSWORD)).status).toBe(200);
    expect((await loginAs('ops.admin', 'Kedua-2026!!')).status).toBe(401);
  });
});
