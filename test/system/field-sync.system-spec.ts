import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { addDays, workDateOf } from '#libs/common';
import { login, phone, type Phone, type Session } from '../support/demo-users.js';
import { receiptNo, sendVisits, uploadPhoto, visitedAgo, visitOf } from '../support/field-visits.js';
import { jpegPhoto, sha256Of } from '../support/test-photos.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem } from '../support/system-harness.js';
import { testEngines } from '../support/test-database.js';

const today = () => workDateOf(new Date(), 'Asia/Jakarta');
const RESULT_KINDS = ['PAID', 'PARTIAL', 'PTP', 'NOT_MET', 'HOUSE_EMPTY', 'MOVED', 'REFUSED'];
const PREFIX: Record<string, string> = { collector1: 'KWJ1', collector2: 'KWJ2', collector3: 'KWB1' };

describe.each(testEngines())('the collection day on %s, one process', (engine) => {
  let system: RunningSystem;
  const phones: Record<string, Phone> = {};

  /** Each collector keeps one phone for the whole describe, as one device binding allows. */
  const loginCollector = (username: string): Promise<Session> => {
    phones[username] ??= phone(`field-${username}-${randomUUID().slice(0, 8)}`);
    return login(system, username, phones[username]);
  };
  const worklistOf = (session: Session, headers: Record<string, string> = {}) => system.request('/api/v1/worklist', { token: session.token, headers });
  const syncStatusOf = async (session: Session) => {
    const reply = await system.request('/api/v1/sync/status', { token: session.token });
    expect(reply.status).toBe(200);
    return reply.body;
  };

  beforeAll(async () => {
    system = await startSystem({ mode: 'single', engine });
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  it.each(['collector1', 'collector2'])('runs a whole day for %s: worklist, every result kind, replay, conflict, close', async (username) => {
    const session = await loginCollector(username);
    const worklist = await worklistOf(session);
    expect(worklist.status).toBe(200);
    const lkh = worklist.body;
    expect(lkh.workDate).toBe(today());
    expect(lkh.batch).toMatchObject({ id: session.batch!.id, status: 'open' });
    expect(lkh.assignments).toHaveLength(25);
    expect(lkh.assignments[0]).toEqual({
      id: expect.any(String),
      sequence: 1,
      contractNo: expect.stringMatching(/^\d{12}$/),
      debtorName: expect.any(String),
      address: expect.any(String),
      phone: expect.stringMatching(/^08\d{10}$/),
      amountDue: expect.any(Number),
      installmentAmount: expect.any(Number),
      overdueDays: expect.any(Number),
      outstanding: expect.any(Number),
      location: { lat: expect.any(Number), lng: expect.any(Number) },
    });
    expect(lkh.resultCodes.map((code: { code: string }) => code.code)).toEqual(RESULT_KINDS);
    expect(lkh.resultCodes.find((code: { code: string }) => code.code === 'PTP').requires).toEqual({ payment: false, promise: true, gps: true, minPhotos: 1 });
    expect(lkh.receiptRange).toEqual({ prefix: PREFIX[username], from: 1, to: 500 });
    const etag = worklist.headers.get('etag');
    expect(etag).toBe(`"${lkh.syncToken}"`);

    const unchanged = await worklistOf(session, { 'if-none-match': etag! });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');
    expect((await worklistOf(session, { 'if-none-match': '"something-else"' })).status).toBe(200);

    const [a1, a2, a3, a4, a5, a6, a7] = lkh.assignments.map((assignment: { id: string }) => assignment.id);
    const prefix = PREFIX[username];
    const visits = [
      visitOf(a1, 'PAID', { payment: { amount: 2_500_000, receiptNo: receiptNo(prefix, 1) } }),
      visitOf(a2, 'PARTIAL', { payment: { amount: 750_000, receiptNo: receiptNo(prefix, 2) }, visitedAt: jakartaTime(visitedAgo(60_000)) }),
      visitOf(a3, 'PTP', { promise: { date: addDays(today(), 3), amount: 1_000_000 } }),
      visitOf(a4, 'NOT_MET'),
      visitOf(a5, 'HOUSE_EMPTY'),
      visitOf(a6, 'MOVED', { notes: 'Pindah ke Bekasi' }),
      visitOf(a7, 'REFUSED', { photos: [] }),
    ];
    const sent = await sendVisits(system, session.token, visits);
    expect(sent.status).toBe(200);
    expect(sent.body.results.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual(visits.map((v) => [v.id, 'created']));
    const paid = sent.body.results[0].visit;
    expect(paid).toMatchObject({ id: visits[0].id, batchId: session.batch!.id, payment: visits[0].payment, photos: visits[0].photos });
    expect(sent.body.results[1].visit.visitedAt).toBe(new Date(visits[1].visitedAt).toISOString());

    const replay = await sendVisits(system, session.token, visits.slice(0, 2));
    expect(replay.body.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(replay.body.results[0].visit).toEqual(paid);

    const changed: Record<string, any> = { ...visits[0], payment: { amount: 9_999_000, receiptNo: receiptNo(prefix, 1) } };
    const conflict = await sendVisits(system, session.token, [changed]);
    expect(conflict.body.results[0]).toMatchObject({ id: changed.id, status: 'conflict', errors: [{ field: 'id', code: 'visit-conflict' }] });
    expect(conflict.body.results[0].visit).toBeUndefined();

    const held = await syncStatusOf(session);
    expect(held.batch.id).toBe(session.batch!.id);
    expect(held.totals).toEqual({ visitCount: 7, paidAmount: 3_250_000, promisedAmount: 1_000_000 });
    expect([...held.visitIds].sort()).toEqual(visits.map((v) => v.id).sort());
    expect(held.lastSyncAt).not.toBeNull();
    const moved = held.visits.find((v: { id: string }) => v.id === visits[5].id);
    expect(moved.photos).toEqual({ expected: visits[5].photos, received: [], missing: visits[5].photos });
    expect(held.incompleteVisits).toHaveLength(6);

    const forgotten = randomUUID();
    const mismatch = await system.request('/api/v1/batch/close', {
      method: 'POST',
      token: session.token,
      json: { visitCount: 7, paidAmount: 3_000_000, promisedAmount: 1_000_000, visitIds: [...visits.slice(1).map((v) => v.id), forgotten] },
    });
    expect(mismatch.status).toBe(409);
    expect(mismatch.headers.get('content-type')).toContain('application/problem+json');
    expect(mismatch.body).toMatchObject({
      code: 'batch-mismatch',
      missingOnServer: [forgotten],
      unknownToPhone: [visits[0].id],
      differences: [{ field: 'paidAmount', phone: 3_000_000, server: 3_250_000 }],
      totals: { visitCount: 7, paidAmount: 3_250_000, promisedAmount: 1_000_000 },
    });
    expect((await syncStatusOf(session)).batch.status).toBe('open');

    const close = await system.request('/api/v1/batch/close', {
      method: 'POST',
      token: session.token,
      json: { visitCount: 7, paidAmount: 3_250_000, promisedAmount: 1_000_000, visitIds: visits.map((v) => v.id) },
    });
    expect(close.status).toBe(200);
    expect(close.body).toMatchObject({
      status: 'closed',
      batch: { id: session.batch!.id, status: 'closed' },
      missingOnServer: [],
      unknownToPhone: [],
      differences: [],
    });
    expect(close.body.batch.closedAt).not.toBeNull();

    const late = await sendVisits(system, session.token, [visitOf(a8(lkh), 'NOT_MET')]);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('no-open-batch');
    expect((await worklistOf(session)).status).toBe(409);
    expect((await system.request('/api/v1/sync/status', { token: session.token })).body.code).toBe('no-open-batch');

    const nextDay = await loginCollector(username);
    expect(nextDay.batch!.id).not.toBe(session.batch!.id);
    const fresh = await worklistOf(nextDay);
    expect(fresh.body.batch.id).toBe(nextDay.batch!.id);
    expect(fresh.body.assignments.map((a: { id: string }) => a.id)).toEqual(lkh.assignments.map((a: { id: string }) => a.id));
    expect(fresh.headers.get('etag')).not.toBe(etag);
    expect((await syncStatusOf(nextDay)).totals.visitCount).toBe(0);
  });

  it('answers the worklist ahead of Express as Express and Nest answer it (its path spelled with a trailing slash)', async () => {
    const session = await loginCollector('collector2');
    const [ahead, behind] = await Promise.all(
      ['/api/v1/worklist?since=now', '/api/v1/worklist/'].map((path) => system.request(path, { token: session.token })),
    );
    expect([ahead.status, behind.status]).toEqual([200, 200]);
    expect(ahead.text).toBe(behind.text);
    for (const header of ['etag', 'cache-control', 'content-type', 'content-length']) expect(ahead.headers.get(header)).toBe(behind.headers.get(header));
    const etag = ahead.headers.get('etag')!;
    const revalidated = await Promise.all(
      ['/api/v1/worklist', '/api/v1/worklist/'].map((path) => system.request(path, { token: session.token, headers: { 'if-none-match': etag } })),
    );
    expect(revalidated.map((reply) => [reply.status, reply.headers.get('etag'), reply.text])).toEqual([
      [304, etag, ''],
      [304, etag, ''],
    ]);
    const refused = await Promise.all(
      ['/api/v1/worklist', '/api/v1/worklist/'].map((path) =>
        system.request(path, { token: 'not-a-token', headers: { 'x-request-id': 'req-worklist-refused' } }),
      ),
    );
    expect(refused.map((reply) => [reply.status, reply.headers.get('content-type'), reply.headers.get('x-request-id')])).toEqual([
      [401, 'application/problem+json; charset=utf-8', 'req-worklist-refused'],
      [401, 'application/problem+json; charset=utf-8', 'req-worklist-refused'],
    ]);
    expect(refused[0].body).toEqual({ ...refused[1].body, instance: '/api/v1/worklist' });
  });

  it('documents every field endpoint with its request and reply types', async () => {
    const reply = await system.request('/docs-json');
    const { paths, components } = reply.body;
    const schemaOf = (path: string, method: string, status: string, type = 'application/json') =>
      paths[path][method].responses[status].content[type].schema.$ref;
    expect(schemaOf('/api/v1/worklist', 'get', '200')).toBe('#/components/schemas/WorklistDto');
    expect(paths['/api/v1/visits'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/SubmitVisitsDto');
    expect(schemaOf('/api/v1/visits', 'post', '200')).toBe('#/components/schemas/SubmitVisitsReplyDto');
    expect(schemaOf('/api/v1/visits', 'post', '409', 'application/problem+json')).toBe('#/components/schemas/ProblemDto');
    expect(schemaOf('/api/v1/sync/status', 'get', '200')).toBe('#/components/schemas/SyncStatusDto');
    expect(schemaOf('/api/v1/batch/close', 'post', '200')).toBe('#/components/schemas/CloseBatchReplyDto');
    expect(schemaOf('/api/v1/batch/close', 'post', '409', 'application/problem+json')).toBe('#/components/schemas/BatchMismatchProblemDto');
    expect(schemaOf('/api/v1/device/reset', 'post', '200')).toBe('#/components/schemas/DeviceResetReplyDto');
    expect(Object.keys(components.schemas.VisitDto.properties)).toEqual(
      expect.arrayContaining(['id', 'assignmentId', 'resultCode', 'visitedAt', 'location', 'notes', 'payment', 'promise', 'photos']),
    );
  });

  describe('refusals (collector3)', () => {
    let session: Session;
    let assignments: string[];
    let foreignAssignment: string;
    const stored: Record<string, any>[] = [];

    beforeAll(async () => {
      session = await loginCollector('collector3');
      assignments = (await worklistOf(session)).body.assignments.map((a: { id: string }) => a.id);
      const other = await loginCollector('collector1');
      foreignAssignment = (await worklistOf(other)).body.assignments[10].id;
    });

    it('lets only collectors use the field endpoints', async () => {
      expect((await system.request('/api/v1/worklist')).status).toBe(401);
      const supervisor = await login(system, 'supervisor2');
      for (const [path, method] of [
        ['/api/v1/worklist', 'GET'],
        ['/api/v1/sync/status', 'GET'],
        ['/api/v1/visits', 'POST'],
        ['/api/v1/batch/close', 'POST'],
        ['/api/v1/device/reset', 'POST'],
      ]) {
        const reply = await system.request(path, { method, token: supervisor.token, json: method === 'POST' ? {} : undefined });
        expect([path, reply.status]).toEqual([path, 403]);
      }
    });

    it.each([
      ['an assignment of another collector', () => visitOf(foreignAssignment, 'NOT_MET'), 'assignmentId', 'unknown-assignment'],
      ['an unknown result code', () => visitOf(assignments[0], 'ABDUCTED'), 'resultCode', 'unknown-result-code'],
      ['a payment code without payment', () => visitOf(assignments[0], 'PAID'), 'payment', 'payment-required'],
      [
        'a zero payment',
        () => visitOf(assignments[0], 'PAID', { payment: { amount: 0, receiptNo: receiptNo('KWB1', 9) } }),
        'payment.amount',
        'amount-not-positive',
      ],
      [
        'a receipt past the range',
        () => visitOf(assignments[0], 'PAID', { payment: { amount: 100_000, receiptNo: receiptNo('KWB1', 501) } }),
        'payment.receiptNo',
        'receipt-out-of-range',
      ],
      [
        "another collector's receipt",
        () => visitOf(assignments[0], 'PAID', { payment: { amount: 100_000, receiptNo: receiptNo('KWJ1', 9) } }),
        'payment.receiptNo',
        'receipt-out-of-range',
      ],
      [
        'a receipt not in PREFIX-NNNNNN form',
        () => visitOf(assignments[0], 'PAID', { payment: { amount: 100_000, receiptNo: 'KWB19' } }),
        'payment.receiptNo',
        'receipt-out-of-range',
      ],
      [
        'a payment on a code that takes none',
        () => visitOf(assignments[0], 'NOT_MET', { payment: { amount: 100_000, receiptNo: receiptNo('KWB1', 9) } }),
        'payment',
        'payment-not-allowed',
      ],
      ['a promise code without promise', () => visitOf(assignments[0], 'PTP'), 'promise', 'promise-required'],
      [
        'a promise past the window',
        () => visitOf(assignments[0], 'PTP', { promise: { date: addDays(today(), 8), amount: 500_000 } }),
        'promise.date',
        'promise-date-out-of-window',
      ],
      [
        'a promise before the visit',
        () => visitOf(assignments[0], 'PTP', { promise: { date: addDays(today(), -1), amount: 500_000 } }),
        'promise.date',
        'promise-date-out-of-window',
      ],
      ['a promise without amount', () => visitOf(assignments[0], 'PTP', { promise: { date: today() } }), 'promise.amount', 'invalid'],
      [
        'a promise on a code that takes none',
        () => visitOf(assignments[0], 'REFUSED', { promise: { date: today(), amount: 1 } }),
        'promise',
        'promise-not-allowed',
      ],
      ['no GPS position', () => visitOf(assignments[0], 'NOT_MET', { location: null }), 'location', 'location-required'],
      ['too few photos', () => visitOf(assignments[0], 'MOVED', { photos: [] }), 'photos', 'too-few-photos'],
      [
        'a visit ten minutes in the future',
        () => visitOf(assignments[0], 'NOT_MET', { visitedAt: new Date(Date.now() + 600_000).toISOString() }),
        'visitedAt',
        'visited-in-future',
      ],
      [
        'a visit before the work date',
        () => visitOf(assignments[0], 'NOT_MET', { visitedAt: `${addDays(today(), -1)}T12:00:00+07:00` }),
        'visitedAt',
        'visited-before-work-date',
      ],
      ['a time without offset', () => visitOf(assignments[0], 'NOT_MET', { visitedAt: '2026-11-28T10:00:00' }), 'visitedAt', 'invalid'],
      ['an unknown field in a visit', () => visitOf(assignments[0], 'NOT_MET', { debtorMood: 'angry' }), 'debtorMood', 'invalid'],
      ['a photo that is not a SHA-256', () => visitOf(assignments[0], 'NOT_MET', { photos: ['abc'] }), 'photos', 'invalid'],
    ])('rejects %s naming the field, storing nothing', async (_case, make, field, code) => {
      const visit = make();
      const reply = await sendVisits(system, session.token, [visit]);
      expect(reply.status).toBe(200);
      expect(reply.body.results).toHaveLength(1);
      const [result] = reply.body.results;
      expect(result).toMatchObject({ id: visit.id, status: 'rejected' });
      expect(result.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code, message: expect.any(String) })]));
      expect((await syncStatusOf(session)).visitIds).not.toContain(visit.id);
    });

    it('refuses a receipt number already used, and stores the others of the same request', async () => {
      const before = (await syncStatusOf(session)).totals;
      const first = visitOf(assignments[1], 'PAID', { payment: { amount: 400_000, receiptNo: receiptNo('KWB1', 1) } });
      const reuse = visitOf(assignments[2], 'PARTIAL', { payment: { amount: 100_000, receiptNo: receiptNo('KWB1', 1) } });
      const fine = visitOf(assignments[3], 'NOT_MET');
      const reply = await sendVisits(system, session.token, [first, reuse, fine]);
      expect(reply.body.results.map((r: { status: string }) => r.status)).toEqual(['created', 'rejected', 'created']);
      stored.push(first, fine);
      expect(reply.body.results[1].errors).toEqual([expect.objectContaining({ field: 'payment.receiptNo', code: 'receipt-used' })]);
      const again = await sendVisits(system, session.token, [visitOf(assignments[4], 'PAID', { payment: { amount: 1, receiptNo: receiptNo('KWB1', 1) } })]);
      expect(again.body.results[0].errors[0].code).toBe('receipt-used');
      const after = (await syncStatusOf(session)).totals;
      expect(after).toEqual({ visitCount: before.visitCount + 2, paidAmount: before.paidAmount + 400_000, promisedAmount: before.promisedAmount });
    });

    it('answers a malformed envelope with a 400 naming the field, storing nothing', async () => {
      const before = (await syncStatusOf(session)).totals.visitCount;
      const cases: [unknown, string][] = [
        [{ visits: [visitOf(assignments[0], 'NOT_MET')], device: 'x' }, 'device'],
        [{ visits: [] }, 'visits'],
        [{ visits: Array.from({ length: 51 }, () => visitOf(assignments[0], 'NOT_MET')) }, 'visits'],
        [{ visits: ['not a visit'] }, 'visits'],
        [{}, 'visits'],
      ];
      for (const [json, field] of cases) {
        const reply = await system.request('/api/v1/visits', { method: 'POST', token: session.token, json });
        expect(reply.status).toBe(400);
        expect(reply.headers.get('content-type')).toContain('application/problem+json');
        expect(reply.body.code).toBe('validation-failed');
        expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect((await syncStatusOf(session)).totals.visitCount).toBe(before);
    });

    it('stores one visit sent twenty times at once exactly once', async () => {
      const before = (await syncStatusOf(session)).totals.visitCount;
      const visit = visitOf(assignments[5], 'PTP', { promise: { date: addDays(today(), 7), amount: 650_000 } });
      const replies = await Promise.all(Array.from({ length: 20 }, () => sendVisits(system, session.token, [visit])));
      expect(replies.map((reply) => reply.status)).toEqual(Array(20).fill(200));
      const statuses = replies.map((reply) => reply.body.results[0].status);
      expect(statuses.filter((s) => s === 'created')).toHaveLength(1);
      expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(19);
      const receivedAt = new Set(replies.map((reply) => reply.body.results[0].visit.receivedAt));
      expect(receivedAt.size).toBe(1);
      const held = await syncStatusOf(session);
      expect(held.totals.visitCount).toBe(before + 1);
      expect(held.visitIds.filter((id: string) => id === visit.id)).toHaveLength(1);
    });

    it('lets exactly one of two visits sent at once with the same receipt win', async () => {
      const before = (await syncStatusOf(session)).totals;
      const receipt = receiptNo('KWB1', 77);
      const rivals = [6, 7].map((index) => visitOf(assignments[index], 'PAID', { payment: { amount: 1_000_000 + index, receiptNo: receipt } }));
      const replies = await Promise.all(rivals.map((visit) => sendVisits(system, session.token, [visit])));
      const results = replies.map((reply) => reply.body.results[0]);
      expect(results.map((r) => r.status).sort()).toEqual(['created', 'rejected']);
      const loser = results.find((r) => r.status === 'rejected');
      expect(loser.errors).toEqual([expect.objectContaining({ field: 'payment.receiptNo', code: 'receipt-used' })]);
      const winner = rivals.find((visit) => visit.id !== loser.id)!;
      const after = (await syncStatusOf(session)).totals;
      expect(after.visitCount).toBe(before.visitCount + 1);
      expect(after.paidAmount).toBe(before.paidAmount + winner.payment!.amount);
    });

    it('reports a visit whose photos arrive later as complete once they have', async () => {
      const [first, second] = await Promise.all([jpegPhoto(301), jpegPhoto(302)]);
      const visit = visitOf(assignments[8], 'HOUSE_EMPTY', { photos: [sha256Of(first), sha256Of(second)] });
      expect((await sendVisits(system, session.token, [visit])).body.results[0].status).toBe('created');
      const photosOf = async () => (await syncStatusOf(session)).visits.find((v: { id: string }) => v.id === visit.id).photos;
      expect(await photosOf()).toEqual({ expected: visit.photos, received: [], missing: visit.photos });

      expect((await uploadPhoto(system, session.token, first)).status).toBe(201);
      expect(await photosOf()).toEqual({ expected: visit.photos, received: [visit.photos[0]], missing: [visit.photos[1]] });
      expect((await syncStatusOf(session)).incompleteVisits).toContain(visit.id);

      expect((await uploadPhoto(system, session.token, second)).status).toBe(201);
      expect(await photosOf()).toEqual({ expected: visit.photos, received: visit.photos, missing: [] });
      expect((await syncStatusOf(session)).incompleteVisits).not.toContain(visit.id);
    });

    it('after a device reset, shows what the server held and re-issues the LKH on the next login', async () => {
      const held = await syncStatusOf(session);
      expect(held.totals.visitCount).toBeGreaterThan(0);
      const reset = await system.request('/api/v1/device/reset', { method: 'POST', token: session.token });
      expect(reset.status).toBe(200);
      expect(reset.body.closedBatch).toBe(true);
      expect(reset.body.held.batch).toMatchObject({ id: session.batch!.id, status: 'closed' });
      expect(reset.body.held.visitIds).toEqual(held.visitIds);
      expect(reset.body.held.totals).toEqual(held.totals);
      expect((await worklistOf(session)).body.code).toBe('no-open-batch');

      const again = await loginCollector('collector3');
      expect(again.batch!.id).not.toBe(session.batch!.id);
      const lkh = (await worklistOf(again)).body;
      expect(lkh.assignments.map((a: { id: string }) => a.id)).toEqual(assignments);

      const [resent] = stored;
      const revisit = await sendVisits(system, again.token, [visitOf(resent.assignmentId, 'REFUSED', { photos: [] })]);
      expect(revisit.body.results[0]).toMatchObject({ status: 'created', visit: { batchId: again.batch!.id } });
      const replay = await sendVisits(system, again.token, [resent]);
      expect(replay.body.results[0]).toMatchObject({ id: resent.id, status: 'duplicate', visit: { batchId: session.batch!.id, payment: resent.payment } });
      expect((await syncStatusOf(again)).totals.visitCount).toBe(1);
    });
  });
});

/** The eighth assignment: one the day test never visits. */
function a8(lkh: { assignments: { id: string }[] }): string {
  return lkh.assignments[7].id;
}

/** A time written with the Jakarta offset, as a phone set to WIB sends it. */
function jakartaTime(instant: Date): string {
  const local = new Date(instant.getTime() + 7 * 3600_000).toISOString().slice(0, 19);
  return `${local}+07:00`;
}
