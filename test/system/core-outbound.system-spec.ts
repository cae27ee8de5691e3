import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { addDays, workDateOf } from '#libs/common';
import { DEMO_PASSWORD, login, phone, type Phone, type Session } from '../support/demo-users.js';
import { receiptNo, sendVisits, submitVisits, visitOf, worklistOf } from '../support/field-visits.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem } from '../support/system-harness.js';
import { testEngines } from '../support/test-database.js';

const KINDS = ['visits', 'payments', 'promises', 'photos', 'collector-days'];
const PREFIX: Record<string, string> = { collector1: 'KWJ1', collector2: 'KWJ2', collector3: 'KWB1' };
const today = () => workDateOf(new Date(), 'Asia/Jakarta');

describe.each(testEngines())('the core fetches the field results on %s', (engine) => {
  let system: RunningSystem;
  let admin: Session;

  const take = async (kind: string, limit = 5000) => {
    const reply = await system.request(`/api/v1/core/outbound/${kind}?limit=${limit}`, { token: admin.token });
    expect(reply.status).toBe(200);
    return reply.body as { kind: string; columns: string[]; rows: Record<string, string | number | null>[]; pending: number };
  };
  const acknowledge = async (kind: string, ids: unknown[]) => {
    const reply = await system.request(`/api/v1/core/outbound/${kind}/ack`, { method: 'POST', token: admin.token, json: { ids } });
    expect(reply.status).toBe(200);
    return reply.body.acknowledged as number;
  };
  const acknowledgeEverything = async () => {
    for (const kind of KINDS) {
      const { rows } = await take(kind);
      if (rows.length > 0)
        await acknowledge(
          kind,
          rows.map((row) => row.id),
        );
    }
  };
  const phones = new Map<string, Phone>();
  const assignmentsUsed = new Map<string, number>();
  /** Logs a collector in on the one phone bound to them here, as device binding allows. */
  const loginCollector = (username: string) => {
    if (!phones.has(username)) phones.set(username, phone(`core-${username}-${randomUUID().slice(0, 8)}`));
    return login(system, username, phones.get(username));
  };
  /** Three visits on the collector's next three accounts: a payment, a promise, neither; each with one photo. */
  const dayOf = async (username: string) => {
    const session = await loginCollector(username);
    const lkh = await worklistOf(system, session);
    const start = assignmentsUsed.get(username) ?? 0;
    assignmentsUsed.set(username, start + 3);
    const [a1, a2, a3] = lkh.assignments.slice(start, start + 3);
    const visits = [
      visitOf(a1.id, 'PAID', { payment: { amount: 2_500_000, receiptNo: receiptNo(PREFIX[username], start + 1) } }),
      visitOf(a2.id, 'PTP', { promise: { date: addDays(today(), 3), amount: 1_000_000 } }),
      visitOf(a3.id, 'NOT_MET', { notes: 'Rumah kosong, tetangga bilang pulang sore' }),
    ];
    await submitVisits(system, session, visits);
    return { session, visits, contractNos: [a1.contractNo, a2.contractNo, a3.contractNo] };
  };

  beforeAll(async () => {
    system = await startSystem({ mode: 'single', engine });
    admin = await login(system, 'admin');
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  it('hands out each stored visit once, with its payment, promise and photo references; a replay adds nothing', async () => {
    const { session, visits, contractNos } = await dayOf('collector1');
    const replay = await sendVisits(system, session.token, visits);
    expect(replay.body.results.map((result: { status: string }) => result.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);

    const taken = await take('visits');
    expect(taken.pending).toBe(3);
    expect(taken.rows.map((row) => row.visit_id).sort()).toEqual(visits.map((visit) => visit.id).sort());
    const paid = taken.rows.find((row) => row.visit_id === visits[0].id)!;
    expect(paid).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      visit_id: visits[0].id,
      batch_id: session.batch!.id,
      work_date: today(),
      collector_id: session.user.id,
      collector_username: 'collector1',
      branch_code: 'JKT01',
      account_no: contractNos[0],
      result_code: 'PAID',
      visited_at: new Date(visits[0].visitedAt).toISOString(),
      latitude: -6.2,
      longitude: 106.82,
      accuracy_m: 8,
      notes: null,
      photo_count: 1,
      received_at: expect.any(String),
      created_at: expect.any(String),
    });
    expect(taken.columns).toEqual(Object.keys(paid));

    const payments = await take('payments');
    expect(payments.rows).toEqual([
      expect.objectContaining({
        visit_id: visits[0].id,
        receipt_no: 'KWJ1-000001',
        amount: 2_500_000,
        account_no: contractNos[0],
        collector_username: 'collector1',
      }),
    ]);
    const promises = await take('promises');
    expect(promises.rows).toEqual([expect.objectContaining({ visit_id: visits[1].id, promised_date: addDays(today(), 3), amount: 1_000_000 })]);
    const photos = await take('photos');
    expect(photos.rows).toHaveLength(3);
    for (const visit of visits) {
      const [sha256] = visit.photos;
      expect(photos.rows).toContainEqual(
        expect.objectContaining({ visit_id: visit.id, sha256, position: 0, url: `/api/v1/media/${sha256}`, uploaded_by: 'collector1' }),
      );
    }

    const again = await take('visits');
    expect(again.rows.map((row) => row.id)).toEqual(taken.rows.map((row) => row.id));
    await acknowledgeEverything();
  });

  it('never hands out an acknowledged row again; an unacknowledged one comes back with the same id', async () => {
    await dayOf('collector2');
    const { rows } = await take('visits');
    expect(rows).toHaveLength(3);
    expect(await acknowledge('visits', [rows[0].id, rows[1].id])).toBe(2);

    const left = await take('visits');
    expect(left.rows).toEqual([rows[2]]);
    expect(left.pending).toBe(1);
    expect(await acknowledge('visits', [rows[0].id, rows[1].id, randomUUID()])).toBe(0);
    expect(await acknowledge('visits', [rows[2].id])).toBe(1);
    expect((await take('visits')).rows).toEqual([]);

    const audit = await system.request('/api/v1/admin/audit?action=coreOutbound.acknowledge', { token: admin.token });
    expect(audit.body.items[0]).toMatchObject({ actor: { username: 'admin' }, subjectType: 'coreOutbound', subjectId: 'visits' });
    await acknowledgeEverything();
  });

  it('writes one row per closed collector-day with its totals, in the close', async () => {
    const { session, visits } = await dayOf('collector3');
    const close = await system.request('/api/v1/batch/close', {
      method: 'POST',
      token: session.token,
      json: { visitCount: 3, paidAmount: 2_500_000, promisedAmount: 1_000_000, visitIds: visits.map((visit) => visit.id) },
    });
    expect(close.status).toBe(200);

    const days = await take('collector-days');
    expect(days.rows).toEqual([
      expect.objectContaining({
        batch_id: session.batch!.id,
        work_date: today(),
        collector_username: 'collector3',
        branch_code: 'BDG01',
        closed_by: 'close',
        closed_at: close.body.batch.closedAt,
        assigned_accounts: 25,
        visit_count: 3,
        visited_accounts: 3,
        payment_count: 1,
        payment_amount: 2_500_000,
        promise_count: 1,
        promise_amount: 1_000_000,
        photo_count: 3,
      }),
    ]);
    await acknowledgeEverything();
  });

  it('is for admins only, and refuses what it does not know', async () => {
    const supervisor = await login(system, 'supervisor1');
    expect((await system.request('/api/v1/core/outbound/visits', { token: supervisor.token })).status).toBe(403);
    expect((await system.request('/api/v1/core/outbound/visits')).status).toBe(401);
    expect((await system.request('/api/v1/core/outbound/accounts', { token: admin.token })).status).toBe(400);
    expect((await system.request('/api/v1/core/outbound/visits?limit=5001', { token: admin.token })).status).toBe(400);
    expect((await system.request('/api/v1/core/outbound/visits/pending.csv', { token: supervisor.token })).status).toBe(403);
    expect((await system.request('/api/v1/core/outbound/visits/pending.csv?limit=20001', { token: admin.token })).status).toBe(400);
    for (const ids of [[], ['not-an-id'], 'x']) {
      const reply = await system.request('/api/v1/core/outbound/visits/ack', { method: 'POST', token: admin.token, json: { ids } });
      expect([ids, reply.status]).toEqual([ids, 400]);
    }
  });

  describe('the export command', () => {
    let outDir: string;

    beforeAll(() => {
      outDir = mkdtempSync(join(tmpdir(), 'core-export-'));
    });

    afterAll(() => {
      rmSync(outDir, { recursive: true, force: true });
    });

    const exportTo = (dir: string, ...args: string[]) =>
      system.runCommand('apps/core-cli/src/core-export.js', ['--out', dir, '--url', system.gatewayUrl, ...args], { CORE_PASSWORD: DEMO_PASSWORD });

    it('writes the pending rows as CSV files that match the database, then acknowledges them', async () => {
      await dayOf('collector1');
      await dayOf('collector2');
      const pending = Object.fromEntries(await Promise.all(KINDS.map(async (kind) => [kind, await take(kind)] as const)));

      const result = await exportTo(outDir, '--page-size', '3');
      expect(result).toMatchObject({ code: 0 });
      expect(result.stderr).toContain('visits: 6 rows exported and acknowledged in 2 files');

      const files = readdirSync(outDir).sort();
      expect(files.filter((file) => file.startsWith('visits-'))).toHaveLength(2);
      expect(files.filter((file) => file.endsWith('.part'))).toEqual([]);
      for (const kind of KINDS) {
        const written = files
          .filter((file) => file.startsWith(`${kind}-`))
          .flatMap((file) => parse<Record<string, string>>(readFileSync(join(outDir, file)), { columns: true }));
        const expected = pending[kind].rows.map((row) =>
          Object.fromEntries(Object.entries(row).map(([column, value]) => [column, value === null ? '' : String(value)])),
        );
        expect([kind, written]).toEqual([kind, expected]);
        expect((await take(kind)).rows).toEqual([]);
      }
    });

    it('acknowledges nothing when it cannot write its files', async () => {
      await dayOf('collector2');
      const before = await take('visits');
      expect(before.rows.length).toBeGreaterThan(0);
      const blocker = join(outDir, 'not-a-folder');
      writeFileSync(blocker, '');

      const result = await exportTo(join(blocker, 'out'));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('core:export failed');
      expect((await take('visits')).rows).toEqual(before.rows);
      await acknowledgeEverything();
    });

    it('refuses a wrong password and bad usage', async () => {
      const wrong = await system.runCommand('apps/core-cli/src/core-export.js', ['--out', outDir, '--url', system.gatewayUrl], {
        CORE_PASSWORD: 'wrong-password',
      });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('401');
      expect((await exportTo(outDir, '--page-size', '0')).code).toBe(64);
      expect((await system.runCommand('apps/core-cli/src/core-export.js', [])).code).toBe(64);
    });
  });

  if (engine === 'postgres') {
    it('delivers a row whose transaction commits after later ones were taken and acknowledged', async () => {
      const client = new pg.Client({ connectionString: system.env.DB_URL });
      await client.connect();
      try {
        // A slow visit store: began first, its row older and with the smallest id, committed last.
        const slow = { id: '00000000-0000-4000-8000-000000000001', visitId: randomUUID() };
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO core_out_visit (id, visit_id, batch_id, work_date, collector_id, collector_username, branch_code, account_no,
             result_code, visited_at, photo_count, received_at, created_at)
           VALUES ($1, $2, $3, $4, $3, 'collector1', 'JKT01', '000000000001', 'NOT_MET', now() - interval '1 hour', 0,
             now() - interval '1 hour', now() - interval '1 hour')`,
          [slow.id, slow.visitId, randomUUID(), today()],
        );

        await dayOf('collector2');
        const visible = await take('visits');
        expect(visible.rows.map((row) => row.id)).not.toContain(slow.id);
        await acknowledgeEverything();
        expect((await take('visits')).rows).toEqual([]);

        await client.query('COMMIT');
        const late = await take('visits');
        expect(late.rows.map((row) => row.id)).toEqual([slow.id]);
        expect(await acknowledge('visits', [slow.id])).toBe(1);
        expect((await take('visits')).rows).toEqual([]);
      } finally {
        await client.end();
      }
    });
  }
});
