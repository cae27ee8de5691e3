import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD, login, phone } from '../support/demo-users.js';
import { startSystem, type RunningSystem } from '../support/system-harness.js';
import { testEngines } from '../support/test-database.js';

/** Who calls: nobody, a collector of each branch, each branch's supervisor, the admin. */
const CALLERS = ['anonymous', 'collector1', 'collector3', 'supervisor1', 'supervisor2', 'admin'] as const;
type Caller = (typeof CALLERS)[number];

/** Ids the rows point at, made in beforeAll: a collector of JKT01, a throwaway collector with a bound phone. */
interface Context {
  collector1Id: string;
  spareUserId: string;
  spareDeviceId: string;
}

interface Row {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: (context: Context) => string;
  body?: unknown;
  expect: Record<Caller, number>;
}

const everyone = (status: number): Record<Caller, number> => Object.fromEntries(CALLERS.map((caller) => [caller, status])) as Record<Caller, number>;
const adminOnly = (status: number): Record<Caller, number> => ({ ...everyone(403), anonymous: 401, admin: status });
/** Monitoring: supervisor1 (JKT01), supervisor2 (BDG01), admin; collectors are always refused. */
const monitoring = (supervisor1: number, supervisor2: number, admin: number): Record<Caller, number> => ({
  anonymous: 401,
  collector1: 403,
  collector3: 403,
  supervisor1,
  supervisor2,
  admin,
});

/**
 * Every endpoint x caller x ownership -> status. A new endpoint is one row.
 * Writes expected to succeed run once, as admin, after every refused caller.
 */
const ROWS: Row[] = [
  { name: 'liveness', method: 'GET', path: () => '/health', expect: everyone(200) },
  { name: 'readiness', method: 'GET', path: () => '/health/ready', expect: everyone(200) },
  { name: 'login (web user)', method: 'POST', path: () => '/api/v1/auth/login', body: { username: 'supervisor1', password: DEMO_PASSWORD }, expect: everyone(200) },
  { name: 'system page', method: 'GET', path: () => '/api/v1/system', expect: adminOnly(200) },
  { name: 'progress, own scope', method: 'GET', path: () => '/api/v1/monitoring/progress', expect: monitoring(200, 200, 200) },
  { name: 'progress of JKT01', method: 'GET', path: () => '/api/v1/monitoring/progress?branchCode=JKT01', expect: monitoring(200, 403, 200) },
  { name: 'progress of an unknown branch', method: 'GET', path: () => '/api/v1/monitoring/progress?branchCode=XXX01', expect: monitoring(403, 403, 404) },
  { name: 'visits, own scope', method: 'GET', path: () => '/api/v1/monitoring/visits', expect: monitoring(200, 200, 200) },
  { name: 'visits of BDG01', method: 'GET', path: () => '/api/v1/monitoring/visits?branchCode=BDG01', expect: monitoring(403, 200, 200) },
  { name: "visits of collector1 (JKT01)", method: 'GET', path: (c) => `/api/v1/monitoring/visits?collectorId=${c.collector1Id}`, expect: monitoring(200, 404, 200) },
  { name: 'visits CSV of JKT01', method: 'GET', path: () => '/api/v1/monitoring/visits.csv?branchCode=JKT01', expect: monitoring(200, 403, 200) },
  { name: 'an unknown visit', method: 'GET', path: () => '/api/v1/monitoring/visits/0b5e7a39-3c44-4b8e-9a43-6f1c0b1f7e11', expect: monitoring(404, 404, 404) },
  { name: 'promises due, own scope', method: 'GET', path: () => '/api/v1/monitoring/promises', expect: monitoring(200, 200, 200) },
  { name: 'promises due of JKT01', method: 'GET', path: () => '/api/v1/monitoring/promises?branchCode=JKT01', expect: monitoring(200, 403, 200) },
  { name: 'list users', method: 'GET', path: () => '/api/v1/admin/users', expect: adminOnly(200) },
  {
    name: 'create a user',
    method: 'POST',
    path: () => '/api/v1/admin/users',
    body: { username: 'matrix.new', fullName: 'Matrix', role: 'supervisor', branchCode: 'JKT01', password: 'Password-1' },
    expect: adminOnly(201),
  },
  { name: 'update a user', method: 'PATCH', path: (c) => `/api/v1/admin/users/${c.spareUserId}`, body: { fullName: 'Renamed' }, expect: adminOnly(200) },
  { name: 'reset a password', method: 'POST', path: (c) => `/api/v1/admin/users/${c.spareUserId}/password`, body: { password: 'Another-123' }, expect: adminOnly(200) },
  {
    name: 'allot a receipt range',
    method: 'PUT',
    path: (c) => `/api/v1/admin/users/${c.spareUserId}/receipt-range`,
    body: { prefix: 'KWM1', from: 1, to: 10 },
    expect: adminOnly(200),
  },
  { name: 'list devices', method: 'GET', path: () => '/api/v1/admin/devices', expect: adminOnly(200) },
  { name: 'release a device', method: 'POST', path: (c) => `/api/v1/admin/devices/${c.spareDeviceId}/release`, expect: adminOnly(200) },
  { name: 'revoke a device', method: 'POST', path: (c) => `/api/v1/admin/devices/${c.spareDeviceId}/revoke`, expect: adminOnly(200) },
  { name: 'list result codes', method: 'GET', path: () => '/api/v1/admin/result-codes', expect: adminOnly(200) },
  {
    name: 'create a result code',
    method: 'POST',
    path: () => '/api/v1/admin/result-codes',
    body: { code: 'MATRIX', label: 'Matrix', requires: { payment: false, promise: false, gps: false, minPhotos: 0 } },
    expect: adminOnly(201),
  },
  { name: 'update a result code', method: 'PATCH', path: () => '/api/v1/admin/result-codes/MATRIX', body: { label: 'Matrix 2' }, expect: adminOnly(200) },
  { name: 'audit trail', method: 'GET', path: () => '/api/v1/admin/audit', expect: adminOnly(200) },
];

describe.each(testEngines())('authorization matrix on %s', (engine) => {
  describe.each(['split', 'single'] as const)('%s mode', (mode) => {
    let system: RunningSystem;
    let context: Context;
    let auditBefore: number;
    const tokens = new Map<Caller, string | undefined>();

    beforeAll(async () => {
      system = await startSystem({ mode, engine });
      tokens.set('anonymous', undefined);
      for (const caller of CALLERS.slice(1)) {
        const device = caller.startsWith('collector') ? phone(`matrix-${caller}`) : undefined;
        tokens.set(caller, (await login(system, caller, device)).token);
      }
      const admin = tokens.get('admin');
      const spare = await system.request('/api/v1/admin/users', {
        method: 'POST',
        token: admin,
        json: { username: 'matrix.spare', fullName: 'Spare', role: 'collector', branchCode: 'BDG01', password: DEMO_PASSWORD },
      });
      await login(system, 'matrix.spare', phone('matrix-spare-phone'));
      const devices = await system.request(`/api/v1/admin/devices?userId=${spare.body.id}`, { token: admin });
      const users = await system.request('/api/v1/admin/users?role=collector&branchCode=JKT01', { token: admin });
      context = {
        collector1Id: users.body.items.find((user: { username: string }) => user.username === 'collector1').id,
        spareUserId: spare.body.id,
        spareDeviceId: devices.body.items[0].id,
      };
      auditBefore = (await system.request('/api/v1/admin/audit', { token: admin })).body.total;
    });

    afterAll(async () => {
      await system?.stop();
    });

    it.each(ROWS.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
      const answers: Record<string, number> = {};
      for (const caller of CALLERS) {
        const reply = await system.request(row.path(context), { method: row.method, token: tokens.get(caller), json: row.body });
        answers[caller] = reply.status;
        if (reply.status >= 400) expect(reply.headers.get('content-type')).toContain('application/problem+json');
      }
      expect(answers).toEqual(row.expect);
    });

    it('stored exactly the admin writes, none of the refused ones', async () => {
      const audit = await system.request('/api/v1/admin/audit?limit=200', { token: tokens.get('admin') });
      const writes = ROWS.filter((row) => row.method !== 'GET' && row.expect.admin < 300 && row.expect.supervisor1 === 403).length;
      expect(audit.body.total).toBe(auditBefore + writes);
      expect(new Set(audit.body.items.slice(0, writes).map((entry: { actor: { username: string } }) => entry.actor.username))).toEqual(new Set(['admin']));
    });
  });
});
