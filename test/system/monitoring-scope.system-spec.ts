import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { login } from '../support/demo-users.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem } from '../support/system-harness.js';
import { testEngines } from '../support/test-database.js';

/** Monitoring before any visit: the demo LKHs, scopes, defaults, validation and the CSV envelope. */
describe.each(testEngines())('monitoring scope on %s', (engine) => {
  let system: RunningSystem;
  let supervisor1: string;
  let supervisor2: string;
  let admin: string;
  const get = (path: string, token: string) => system.request(`/api/v1/monitoring${path}`, { token });

  beforeAll(async () => {
    system = await startSystem({ mode: 'single', engine });
    [supervisor1, supervisor2, admin] = await Promise.all(['supervisor1', 'supervisor2', 'admin'].map(async (name) => (await login(system, name)).token));
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  it("shows a supervisor their branch's collectors for today, and an admin every branch", async () => {
    const own = await get('/progress', supervisor1);
    expect(own.status).toBe(200);
    expect(own.body.workDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(own.body.collectors.map((line: any) => [line.collector.username, line.branchCode])).toEqual([
      ['collector1', 'JKT01'],
      ['collector2', 'JKT01'],
    ]);
    expect(own.body.collectors[0]).toMatchObject({
      assigned: 25,
      visited: 0,
      visits: 0,
      paidAmount: 0,
      promisedAmount: 0,
      visitsByResult: {},
      lastSyncAt: null,
      lastPosition: null,
    });
    const bandung = await get('/progress', supervisor2);
    expect(bandung.body.collectors.map((line: any) => line.collector.username)).toEqual(['collector3']);
    const all = await get('/progress', admin);
    expect(all.body.collectors.map((line: any) => line.collector.username)).toEqual(['collector1', 'collector2', 'collector3']);
    const one = await get('/progress?branchCode=BDG01', admin);
    expect(one.body.collectors.map((line: any) => line.collector.username)).toEqual(['collector3']);
    const yesterday = await get('/progress?date=2020-01-01', supervisor1);
    expect(yesterday.body).toMatchObject({ workDate: '2020-01-01' });
    expect(yesterday.body.collectors.every((line: any) => line.assigned === 0)).toBe(true);
  });

  it('refuses a supervisor naming another branch with 403, and a collector outside the scope with 404', async () => {
    const other = await get('/progress?branchCode=JKT01', supervisor2);
    expect(other.status).toBe(403);
    expect(other.body.detail).toContain('own branch');
    const collectors = await system.request('/api/v1/admin/users?role=collector&branchCode=JKT01', { token: admin });
    const collector1 = collectors.body.items[0].id;
    const outside = await get(`/visits?collectorId=${collector1}`, supervisor2);
    expect(outside.status).toBe(404);
    expect((await get(`/visits?collectorId=${collector1}`, supervisor1)).body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
  });

  it('refuses bad monitoring queries, naming the parameter', async () => {
    for (const [path, field] of [
      ['/progress?date=2026-02-30', 'date'],
      ['/progress?date=28-11-2026', 'date'],
      ['/progress?day=2026-11-28', 'day'],
      ['/visits?from=2026-11-10&to=2026-11-01', 'to'],
      ['/visits?from=2026-01-01&to=2026-06-30', 'to'],
      ['/visits?limit=500', 'limit'],
      ['/visits?collectorId=collector1', 'collectorId'],
      ['/visits?resultCode=paid', 'resultCode'],
      ['/visits.csv?from=yesterday', 'from'],
      ['/visits/not-a-visit', 'id'],
      ['/promises?to=2026-13-01', 'to'],
      ['/promises?branchCode=jkt01', 'branchCode'],
    ]) {
      const reply = await get(path, supervisor1);
      expect({ path, status: reply.status }).toEqual({ path, status: 400 });
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(reply.body.errors.map((e: any) => e.field)).toContain(field);
    }
  });

  it('exports visits as a UTF-8 CSV attachment, refused as problem+json when out of scope', async () => {
    const csv = await get('/visits.csv', supervisor1);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="visits.csv"');
    expect(csv.text.split('\n')[0]).toBe(
      'visitId,workDate,visitedAt,branch,collector,collectorName,contractNo,debtorName,resultCode,paymentAmount,receiptNo,promiseDate,promiseAmount,lat,lng,accuracyM,photosExpected,photosMissing,notes,receivedAt',
    );
    const refused = await get('/visits.csv?branchCode=BDG01', supervisor1);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers empty pages for promises and an unknown visit with 404', async () => {
    expect((await get('/promises', supervisor1)).body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
    const missing = await get('/visits/7d0b6a3e-2f0e-4c61-9b8e-3d2a1c0f9e88', admin);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not-found');
  });

  it('documents every monitoring and admin endpoint in OpenAPI', async () => {
    const docs = await system.request('/docs-json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/monitoring/progress',
        '/api/v1/monitoring/visits',
        '/api/v1/monitoring/visits.csv',
        '/api/v1/monitoring/visits/{id}',
        '/api/v1/monitoring/promises',
        '/api/v1/admin/users',
        '/api/v1/admin/users/{id}',
        '/api/v1/admin/users/{id}/password',
        '/api/v1/admin/users/{id}/receipt-range',
        '/api/v1/admin/devices',
        '/api/v1/admin/devices/{id}/release',
        '/api/v1/admin/devices/{id}/revoke',
        '/api/v1/admin/result-codes',
        '/api/v1/admin/result-codes/{code}',
        '/api/v1/admin/audit',
      ]),
    );
    const schemas = docs.body.components.schemas;
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['VisitSummaryPageDto', 'UserSummaryPageDto', 'VisitDetailDto', 'CreateUserDto', 'ProgressReplyDto']),
    );
    expect(schemas.VisitSummaryPageDto.properties.items.items.$ref).toBe('#/components/schemas/VisitSummaryDto');
    const visitsParams = docs.body.paths['/api/v1/monitoring/visits'].get.parameters.map((p: any) => p.name);
    expect(visitsParams).toEqual(expect.arrayContaining(['from', 'to', 'collectorId', 'resultCode', 'branchCode', 'limit', 'offset']));
  });
});
