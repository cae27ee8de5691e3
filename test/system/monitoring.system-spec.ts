import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, workDateOf } from '#libs/common';
import { login, phone, type Session } from '../support/demo-users.js';
import { receiptNo, submitVisits, visitedAgo, visitOf, worklistOf, type VisitInput, type Worklist } from '../support/field-visits.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem } from '../support/system-harness.js';
import { testEngines } from '../support/test-database.js';

/** Visits a few seconds apart, all just now, so they fall on today's work date whenever the test runs. */
const secondsAgo = (seconds: number) => visitedAgo(seconds * 1000).toISOString();

/** Monitoring over visits sent through POST /visits by two collectors of two branches. */
describe.each(testEngines())('monitoring on %s, one process', (engine) => {
  let system: RunningSystem;
  let collector1: Session;
  let collector3: Session;
  let supervisor1: string;
  let supervisor2: string;
  let admin: string;
  let today: string;
  let paid: VisitInput;
  let promised: VisitInput;
  let revisit: VisitInput;
  let bandung: VisitInput;
  let lkh1: Worklist;
  const get = (path: string, token: string) => system.request(`/api/v1/monitoring${path}`, { token });

  beforeAll(async () => {
    system = await startSystem({ mode: 'single', engine });
    today = workDateOf(new Date(), system.env.WORK_TIMEZONE ?? 'Asia/Jakarta');
    collector1 = await login(system, 'collector1', phone('mon-c1'));
    collector3 = await login(system, 'collector3', phone('mon-c3'));
    [supervisor1, supervisor2, admin] = await Promise.all(['supervisor1', 'supervisor2', 'admin'].map(async (name) => (await login(system, name)).token));
    lkh1 = await worklistOf(system, collector1);
    const lkh3 = await worklistOf(system, collector3);
    const [first, second] = lkh1.assignments;
    paid = visitOf(first.id, 'PAID', {
      visitedAt: secondsAgo(40),
      payment: { amount: 750_000, receiptNo: receiptNo(lkh1.receiptRange.prefix, lkh1.receiptRange.from) },
      notes: 'Dibayar tunai, "lunas" bulan ini',
      location: { lat: -6.18, lng: 106.83, accuracy: 6 },
    });
    promised = visitOf(second.id, 'PTP', { visitedAt: secondsAgo(30), promise: { date: addDays(today, 2), amount: 400_000 } });
    revisit = visitOf(first.id, 'NOT_MET', { visitedAt: secondsAgo(20), location: { lat: -6.19, lng: 106.84, accuracy: 12 } });
    bandung = visitOf(lkh3.assignments[0].id, 'PTP', { visitedAt: secondsAgo(10), promise: { date: today, amount: 100_000 } });
    await submitVisits(system, collector1, [paid, promised]);
    await submitVisits(system, collector1, [revisit]);
    await submitVisits(system, collector3, [bandung]);
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  it("sums each collector's day for their supervisor", async () => {
    const reply = await get('/progress', supervisor1);
    expect(reply.status).toBe(200);
    const [one, two] = reply.body.collectors;
    expect(one).toMatchObject({
      collector: { username: 'collector1' },
      assigned: lkh1.assignments.length,
      visited: 2,
      visits: 3,
      paidAmount: 750_000,
      promisedAmount: 400_000,
      visitsByResult: { PAID: 1, PTP: 1, NOT_MET: 1 },
      lastPosition: { lat: -6.19, lng: 106.84, accuracy: 12, at: new Date(revisit.visitedAt).toISOString() },
    });
    expect(Date.parse(one.lastSyncAt)).toBeGreaterThan(Date.now() - 5 * 60_000);
    expect(two).toMatchObject({ collector: { username: 'collector2' }, visited: 0, paidAmount: 0, lastSyncAt: null, lastPosition: null });
    const theirs = await get('/progress', supervisor2);
    expect(theirs.body.collectors).toEqual([
      expect.objectContaining({ collector: expect.objectContaining({ username: 'collector3' }), visits: 1, promisedAmount: 100_000 }),
    ]);
  });

  it('lists visits newest first within the scope, with filters and paging', async () => {
    const own = await get('/visits', supervisor1);
    expect(own.body.total).toBe(3);
    expect(own.body.items.map((visit: any) => visit.id)).toEqual([revisit.id, promised.id, paid.id]);
    expect(own.body.items[2]).toMatchObject({ payment: { amount: 750_000, receiptNo: paid.payment!.receiptNo }, photosExpected: 1, branchCode: 'JKT01' });
    expect((await get('/visits?resultCode=PTP', supervisor1)).body.items.map((visit: any) => visit.id)).toEqual([promised.id]);
    const page = await get('/visits?limit=1&offset=1', supervisor1);
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1, items: [expect.objectContaining({ id: promised.id })] });
    expect((await get('/visits', supervisor2)).body.items.map((visit: any) => visit.id)).toEqual([bandung.id]);
    expect((await get('/visits', admin)).body.total).toBe(4);
    expect((await get('/visits?branchCode=BDG01', admin)).body.items.map((visit: any) => visit.id)).toEqual([bandung.id]);
  });

  it("shows one visit in full to its branch's supervisor and the admin, and 404 to another branch", async () => {
    const reply = await get(`/visits/${paid.id}`, supervisor1);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id: paid.id,
      resultCode: 'PAID',
      notes: paid.notes,
      collector: { username: 'collector1' },
      account: { id: expect.any(String), contractNo: lkh1.assignments[0].contractNo, debtorName: lkh1.assignments[0].debtorName },
      payment: paid.payment,
      promise: null,
      location: paid.location,
      photos: [{ sha256: paid.photos[0], position: expect.any(Number), received: null }],
    });
    expect((await get(`/visits/${paid.id}`, admin)).status).toBe(200);
    const outside = await get(`/visits/${paid.id}`, supervisor2);
    expect(outside.status).toBe(404);
    expect(outside.body.detail).not.toContain('collector1');
    for (const collector of [collector1, collector3]) expect((await get(`/visits/${paid.id}`, collector.token)).status).toBe(403);
  });

  it('lists promises due in a range for the branch', async () => {
    const week = await get(`/promises?from=${today}&to=${addDays(today, 7)}`, supervisor1);
    expect(week.body.items).toEqual([
      expect.objectContaining({
        visitId: promised.id,
        promisedDate: addDays(today, 2),
        amount: 400_000,
        collector: expect.objectContaining({ username: 'collector1' }),
      }),
    ]);
    expect((await get('/promises', supervisor1)).body.total).toBe(0);
    expect((await get('/promises', supervisor2)).body.items.map((promise: any) => promise.visitId)).toEqual([bandung.id]);
  });

  it('exports the same visits as CSV', async () => {
    const csv = await get('/visits.csv', supervisor1);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(`${paid.id},${today},`);
    expect(csv.text).toContain('"Dibayar tunai, ""lunas"" bulan ini"');
    expect(csv.text.trim().split('\n')).toHaveLength(4);
    expect(csv.text).not.toContain(bandung.id);
  });
});
