import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FormData } from 'undici';
import { DEMO_PASSWORD, login, phone, type Session } from '../support/demo-users.js';
import { photoForm, receiptNo, submitVisits, uploadPhoto, visitOf, worklistOf } from '../support/field-visits.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type HttpReply, type RunningSystem } from '../support/system-harness.js';
import { testEngines } from '../support/test-database.js';
import { jpegPhoto, sha256Of } from '../support/test-photos.js';

/** Who calls: nobody, a collector of each branch, each branch's supervisor, the admin. */
const CALLERS = ['anonymous', 'collector1', 'collector3', 'supervisor1', 'supervisor2', 'admin'] as const;
type Caller = (typeof CALLERS)[number];
type Collector = 'collector1' | 'collector3';

/**
 * Ids the rows point at, made in beforeAll: a throwaway collector with a bound phone, each collector's id
 * and LKH, and collector1's paid visit with the photo it lists.
 */
interface Context {
  spareUserId: string;
  spareDeviceId: string;
  assignments: Record<Collector, string[]>;
  userIds: Record<Collector, string>;
  collector1Visit: string;
  collector1Photo: string;
}

/** What a row's check may look at beyond the reply: the running system and every caller's token. */
interface Scene {
  system: RunningSystem;
  context: Context;
  tokens: Map<Caller, string | undefined>;
}

interface Row {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  /** The gateway's HTTPS port, or the ota app's own HTTP port. */
  port?: 'gateway' | 'ota';
  path: (context: Context) => string;
  /** A JSON body, the same for every caller or made for each. */
  body?: object | ((context: Context, caller: Caller) => object);
  /** A multipart body, made for each caller. */
  form?: (context: Context, caller: Caller) => Promise<FormData>;
  /** Assertions on the reply of each caller the row lets past authorization (expected neither 401 nor 403). */
  check?: (reply: HttpReply, caller: Caller, scene: Scene) => Promise<void> | void;
  /** Each caller's successful call leaves one audit entry. */
  audited?: true;
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

/** The phone's endpoints: collectors only; nobody else gets past the role check. */
const field = (status: number): Record<Caller, number> => ({ ...everyone(403), anonymous: 401, collector1: status, collector3: status });
const isCollector = (caller: Caller): caller is Collector => caller === 'collector1' || caller === 'collector3';
/** The collector of the other branch, whose data a caller must not reach. */
const otherCollector = (caller: Caller): Collector => (caller === 'collector1' ? 'collector3' : 'collector1');
/** A caller's own assignment for a field row; non-collectors are refused before the body matters. */
const ownAssignment = (context: Context, caller: Caller, index: number): string => context.assignments[isCollector(caller) ? caller : 'collector1'][index];
/** A close the server cannot agree with: one visit it never received. */
const UNKNOWN_VISIT = '3f9d2c1e-7b4a-4e6f-8a2d-5c1b0e9f7a63';
let photoSeed = 900;

async function syncStatusOf(scene: Scene, collector: Collector) {
  const reply = await scene.system.request('/api/v1/sync/status', { token: scene.tokens.get(collector) });
  expect(reply.status).toBe(200);
  return reply.body;
}

/**
 * Every endpoint x caller x ownership -> status. A new endpoint is one row.
 * Callers run in CALLERS order, so writes expected to succeed only for the admin run after every refused caller.
 * The device reset closes the collectors' batches: it stays last.
 */
const ROWS: Row[] = [
  { name: 'liveness', method: 'GET', path: () => '/health', expect: everyone(200) },
  { name: 'readiness', method: 'GET', path: () => '/health/ready', expect: everyone(200) },
  {
    name: 'login (web user)',
    method: 'POST',
    path: () => '/api/v1/auth/login',
    body: { username: 'supervisor1', password: DEMO_PASSWORD },
    expect: everyone(200),
  },
  { name: 'system page', method: 'GET', path: () => '/api/v1/system', expect: adminOnly(200) },
  { name: 'progress, own scope', method: 'GET', path: () => '/api/v1/monitoring/progress', expect: monitoring(200, 200, 200) },
  { name: 'progress of JKT01', method: 'GET', path: () => '/api/v1/monitoring/progress?branchCode=JKT01', expect: monitoring(200, 403, 200) },
  { name: 'progress of an unknown branch', method: 'GET', path: () => '/api/v1/monitoring/progress?branchCode=XXX01', expect: monitoring(403, 403, 404) },
  { name: 'visits, own scope', method: 'GET', path: () => '/api/v1/monitoring/visits', expect: monitoring(200, 200, 200) },
  { name: 'visits of BDG01', method: 'GET', path: () => '/api/v1/monitoring/visits?branchCode=BDG01', expect: monitoring(403, 200, 200) },
  {
    name: 'visits of collector1 (JKT01)',
    method: 'GET',
    path: (c) => `/api/v1/monitoring/visits?collectorId=${c.userIds.collector1}`,
    expect: monitoring(200, 404, 200),
  },
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
    audited: true,
  },
  {
    name: 'update a user',
    method: 'PATCH',
    path: (c) => `/api/v1/admin/users/${c.spareUserId}`,
    body: { fullName: 'Renamed' },
    expect: adminOnly(200),
    audited: true,
  },
  {
    name: 'reset a password',
    method: 'POST',
    path: (c) => `/api/v1/admin/users/${c.spareUserId}/password`,
    body: { password: 'Another-123' },
    expect: adminOnly(200),
    audited: true,
  },
  {
    name: 'allot a receipt range',
    method: 'PUT',
    path: (c) => `/api/v1/admin/users/${c.spareUserId}/receipt-range`,
    body: { prefix: 'KWM1', from: 1, to: 10 },
    expect: adminOnly(200),
    audited: true,
  },
  { name: 'list devices', method: 'GET', path: () => '/api/v1/admin/devices', expect: adminOnly(200) },
  { name: 'release a device', method: 'POST', path: (c) => `/api/v1/admin/devices/${c.spareDeviceId}/release`, expect: adminOnly(200), audited: true },
  { name: 'revoke a device', method: 'POST', path: (c) => `/api/v1/admin/devices/${c.spareDeviceId}/revoke`, expect: adminOnly(200), audited: true },
  { name: 'list result codes', method: 'GET', path: () => '/api/v1/admin/result-codes', expect: adminOnly(200) },
  {
    name: 'create a result code',
    method: 'POST',
    path: () => '/api/v1/admin/result-codes',
    body: { code: 'MATRIX', label: 'Matrix', requires: { payment: false, promise: false, gps: false, minPhotos: 0 } },
    expect: adminOnly(201),
    audited: true,
  },
  {
    name: 'update a result code',
    method: 'PATCH',
    path: () => '/api/v1/admin/result-codes/MATRIX',
    body: { label: 'Matrix 2' },
    expect: adminOnly(200),
    audited: true,
  },
  { name: 'audit trail', method: 'GET', path: () => '/api/v1/admin/audit', expect: adminOnly(200) },
  {
    name: "the caller's own worklist",
    method: 'GET',
    path: () => '/api/v1/worklist',
    expect: field(200),
    check: (reply, caller, { context }) => {
      const ids = reply.body.assignments.map((assignment: { id: string }) => assignment.id);
      expect(ids).toEqual(context.assignments[caller as Collector]);
      expect(ids).not.toContain(context.assignments[otherCollector(caller)][0]);
    },
  },
  {
    name: "the caller's own sync status",
    method: 'GET',
    path: () => '/api/v1/sync/status',
    expect: field(200),
    check: (reply, caller, { context }) => {
      if (caller === 'collector1') expect(reply.body.visitIds).toContain(context.collector1Visit);
      else expect(reply.body.visitIds).not.toContain(context.collector1Visit);
    },
  },
  {
    name: 'submit a visit on an own assignment',
    method: 'POST',
    path: () => '/api/v1/visits',
    body: (c, caller) => ({ visits: [visitOf(ownAssignment(c, caller, 1), 'NOT_MET')] }),
    expect: field(200),
    check: async (reply, caller, scene) => {
      const [result] = reply.body.results;
      expect(result.status).toBe('created');
      expect((await syncStatusOf(scene, caller as Collector)).visitIds).toContain(result.id);
    },
  },
  {
    name: "submit a visit on the other branch collector's assignment",
    method: 'POST',
    path: () => '/api/v1/visits',
    body: (c, caller) => ({ visits: [visitOf(c.assignments[otherCollector(caller)][2], 'NOT_MET')] }),
    expect: field(200),
    check: async (reply, caller, scene) => {
      const [result] = reply.body.results;
      expect(result).toMatchObject({ status: 'rejected', errors: [expect.objectContaining({ field: 'assignmentId', code: 'unknown-assignment' })] });
      expect((await syncStatusOf(scene, otherCollector(caller))).visitIds).not.toContain(result.id);
      expect((await syncStatusOf(scene, caller as Collector)).visitIds).not.toContain(result.id);
    },
  },
  {
    name: 'upload a photo',
    method: 'POST',
    path: () => '/api/v1/media',
    form: async () => photoForm(await jpegPhoto((photoSeed += 1))),
    expect: field(201),
    check: (reply, caller, { context }) => {
      expect(reply.body.uploader.userId).toBe(context.userIds[caller as Collector]);
    },
  },
  {
    name: "collector1's photo",
    method: 'GET',
    path: (c) => `/api/v1/media/${c.collector1Photo}`,
    expect: { anonymous: 401, collector1: 200, collector3: 403, supervisor1: 200, supervisor2: 403, admin: 200 },
    check: (reply, _caller, { context }) => {
      expect(sha256Of(reply.bytes)).toBe(context.collector1Photo);
    },
  },
  {
    name: "collector1's visit in monitoring",
    method: 'GET',
    path: (c) => `/api/v1/monitoring/visits/${c.collector1Visit}`,
    expect: monitoring(200, 404, 200),
    check: (reply, caller, { context }) => {
      if (caller === 'supervisor2') return expect(reply.body.code).toBe('not-found');
      expect(reply.body).toMatchObject({ id: context.collector1Visit, payment: { receiptNo: receiptNo('KWJ1', 123) } });
    },
  },
  {
    name: 'close the batch on totals the server does not hold',
    method: 'POST',
    path: () => '/api/v1/batch/close',
    body: { visitCount: 1, paidAmount: 0, promisedAmount: 0, visitIds: [UNKNOWN_VISIT] },
    expect: field(409),
    check: async (reply, caller, scene) => {
      expect(reply.body).toMatchObject({ code: 'batch-mismatch', missingOnServer: [UNKNOWN_VISIT] });
      expect((await syncStatusOf(scene, caller as Collector)).batch.status).toBe('open');
    },
  },
  { name: 'OTA releases (ota port)', method: 'GET', port: 'ota', path: () => '/api/v1/ota/releases', expect: adminOnly(200) },
  {
    name: 'reset the device',
    method: 'POST',
    path: () => '/api/v1/device/reset',
    expect: field(200),
    audited: true,
    check: (reply) => {
      expect(reply.body).toMatchObject({ closedBatch: true, held: { batch: { status: 'closed' } } });
    },
  },
];

describe.each(testEngines())('authorization matrix on %s, one process', (engine) => {
  let system: RunningSystem;
  let context: Context;
  let auditBefore: number;
  const tokens = new Map<Caller, string | undefined>();

  beforeAll(async () => {
    system = await startSystem({ mode: 'single', engine });
    tokens.set('anonymous', undefined);
    const sessions = new Map<Caller, Session>();
    for (const caller of CALLERS.slice(1)) {
      const session = await login(system, caller, isCollector(caller) ? phone(`matrix-${caller}`) : undefined);
      sessions.set(caller, session);
      tokens.set(caller, session.token);
    }
    const admin = tokens.get('admin');
    const [collector1, collector3] = [sessions.get('collector1')!, sessions.get('collector3')!];
    const assignments = {
      collector1: (await worklistOf(system, collector1)).assignments.map((assignment) => assignment.id),
      collector3: (await worklistOf(system, collector3)).assignments.map((assignment) => assignment.id),
    };
    const photo = await jpegPhoto(899);
    expect((await uploadPhoto(system, collector1.token, photo)).status).toBe(201);
    const [paid] = await submitVisits(system, collector1, [
      visitOf(assignments.collector1[0], 'PAID', { payment: { amount: 1_250_000, receiptNo: receiptNo('KWJ1', 123) }, photos: [sha256Of(photo)] }),
    ]);
    const spare = await system.request('/api/v1/admin/users', {
      method: 'POST',
      token: admin,
      json: { username: 'matrix.spare', fullName: 'Spare', role: 'collector', branchCode: 'BDG01', password: DEMO_PASSWORD },
    });
    await login(system, 'matrix.spare', phone('matrix-spare-phone'));
    const devices = await system.request(`/api/v1/admin/devices?userId=${spare.body.id}`, { token: admin });
    context = {
      spareUserId: spare.body.id,
      spareDeviceId: devices.body.items[0].id,
      assignments,
      userIds: { collector1: collector1.user.id, collector3: collector3.user.id },
      collector1Visit: paid.id,
      collector1Photo: sha256Of(photo),
    };
    auditBefore = (await system.request('/api/v1/admin/audit', { token: admin })).body.total;
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  it.each(ROWS.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const answers: Record<string, number> = {};
    for (const caller of CALLERS) {
      const options = {
        method: row.method,
        token: tokens.get(caller),
        json: typeof row.body === 'function' ? row.body(context, caller) : row.body,
        body: (await row.form?.(context, caller)) as BodyInit | undefined,
      };
      const reply = row.port === 'ota' ? await system.otaRequest(row.path(context), options) : await system.request(row.path(context), options);
      answers[caller] = reply.status;
      if (reply.status >= 400) expect(reply.headers.get('content-type')).toContain('application/problem+json');
      if (reply.status === row.expect[caller] && ![401, 403].includes(reply.status)) await row.check?.(reply, caller, { system, context, tokens });
    }
    expect(answers).toEqual(row.expect);
  });

  it('stored exactly the audited writes that succeeded, none of the refused ones', async () => {
    const audit = await system.request('/api/v1/admin/audit?limit=200', { token: tokens.get('admin') });
    const actors = ROWS.filter((row) => row.audited).flatMap((row) => CALLERS.filter((caller) => row.expect[caller] < 300));
    expect(audit.body.total).toBe(auditBefore + actors.length);
    const newest = audit.body.items.slice(0, actors.length).map((entry: { actor: { username: string } }) => entry.actor.username);
    expect(newest.sort()).toEqual([...actors].sort());
  });
});
