import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { hashPassword } from '#libs/password';
import { workDateOf } from '#libs/common';
import {
  appliedCounts,
  connectAsCore,
  settledLoad,
  uploadLoad,
  writeBulkLoadBySql,
  writeLoadBySql,
  accountRow as account,
  type AssignmentRow,
  type CollectorRow,
} from '../support/core-loads.js';
import { DEMO_PASSWORD, login, phone, type Session } from '../support/demo-users.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem } from '../support/system-harness.js';
import { waitFor } from '../support/wait-for.js';
import { testEngines } from '../support/test-database.js';

const today = () => workDateOf(new Date(), 'Asia/Jakarta');

const assignment = (code: string, accountNo: string, order: number, workDate = today()): AssignmentRow => ({
  work_date: workDate,
  employee_code: code,
  account_no: accountNo,
  visit_order: order,
});

function csvOf(rows: object[]): string {
  return stringify(rows, { header: true, quoted: true, record_delimiter: '\n' }).trimEnd();
}

describe.each(testEngines())('core loads on %s', (engine) => {
  describe('one process', () => {
    let system: RunningSystem;
    let admin: string;
    let passwordHash: string;
    const code = (n: number) => `T${engine.slice(0, 2).toUpperCase()}${n}`;
    const collector = (n: number): CollectorRow => ({
      employee_code: code(n),
      full_name: `Kolektor ${n}`,
      branch_code: 'JKT01',
      active: 1,
      password_hash: passwordHash,
    });
    const phones = new Map<number, ReturnType<typeof phone>>();
    /** Each collector keeps one phone, as one device binding allows. */
    const loginAs = (n: number): Promise<Session> => {
      if (!phones.has(n)) phones.set(n, phone(`core-${code(n)}-${randomUUID().slice(0, 8)}`));
      return login(system, code(n).toLowerCase(), phones.get(n));
    };
    const worklistOf = async (session: Session) => {
      const reply = await system.request('/api/v1/worklist', { token: session.token });
      expect(reply.status).toBe(200);
      return reply.body as { assignments: { contractNo: string; amountDue: number; sequence: number }[] };
    };
    const baseLoad = () => ({
      collectors: [collector(1), collector(2)],
      accounts: [account('9100001', 1_500_000), account('9100002', 2_250_000), account('9100003', 800_000)],
      assignments: [assignment(code(1), '9100001', 1), assignment(code(1), '9100002', 2), assignment(code(2), '9100003', 1)],
    });

    beforeAll(async () => {
      [system, passwordHash] = await Promise.all([startSystem({ mode: 'single', engine }), hashPassword(DEMO_PASSWORD)]);
      admin = (await login(system, 'admin')).token;
    }, SYSTEM_START_TIMEOUT_MS);

    afterAll(async () => {
      await system?.stop();
    });

    it('applies a load the core writes with SQL: its collectors log in and see its LKH with its amounts', async () => {
      const id = `sql-${randomUUID()}`;
      await writeLoadBySql(system, { id, workDate: today(), ...baseLoad() });
      const load = await settledLoad(system, admin, id);
      expect(load).toMatchObject({ status: 'applied', declaredRows: 8, badRows: 0, worklistsChanged: 2, rows: { collectors: 2, accounts: 3, assignments: 3 } });

      const session = await loginAs(1);
      expect(session.batch).toMatchObject({ status: 'open', workDate: today() });
      const lkh = await worklistOf(session);
      expect(lkh.assignments.map((a) => [a.sequence, a.contractNo, a.amountDue])).toEqual([
        [1, '9100001', 1_500_000],
        [2, '9100002', 2_250_000],
      ]);
    });

    it('changes nothing when the same content comes again, under a new load id or by its content hash', async () => {
      const before = await system.request('/api/v1/worklist', { token: (await loginAs(2)).token });
      const again = await uploadLoad(
        system,
        admin,
        today(),
        {
          collector: csvOf(baseLoad().collectors),
          account: csvOf(baseLoad().accounts),
          assignment: csvOf(baseLoad().assignments),
        },
        'a'.repeat(64),
      );
      expect(await settledLoad(system, admin, again.id)).toMatchObject({ status: 'applied', badRows: 0, worklistsChanged: 0 });
      const after = await system.request('/api/v1/worklist', { token: (await loginAs(2)).token });
      expect(after.headers.get('etag')).toBe(before.headers.get('etag'));

      const byHash = await system.request('/api/v1/core/loads', { method: 'POST', token: admin, json: { workDate: today(), contentHash: 'a'.repeat(64) } });
      expect(byHash.body).toMatchObject({ id: again.id, status: 'applied' });

      const twin = `sql-${randomUUID()}`;
      await writeLoadBySql(system, { id: twin, workDate: today(), contentHash: 'a'.repeat(64), ...baseLoad() });
      expect(await settledLoad(system, admin, twin)).toMatchObject({ status: 'duplicate', duplicateOf: again.id });
    });

    it('keeps an open batch on its LKH; the next online login sees accounts paid off or reassigned gone', async () => {
      const session = await loginAs(1);
      const id = `sql-${randomUUID()}`;
      await writeLoadBySql(system, {
        id,
        workDate: today(),
        accounts: [account('9100001', 1_400_000), account('9100002', 2_250_000), account('9100003', 800_000)],
        assignments: [assignment(code(1), '9100001', 1), assignment(code(2), '9100003', 1), assignment(code(2), '9100002', 2)],
      });
      expect(await settledLoad(system, admin, id)).toMatchObject({ status: 'applied', worklistsChanged: 2 });
      expect((await worklistOf(session)).assignments.map((a) => a.contractNo)).toEqual(['9100001', '9100002']);

      const reset = await system.request('/api/v1/device/reset', { method: 'POST', token: session.token });
      expect(reset.status).toBe(200);
      const next = await worklistOf(await loginAs(1));
      expect(next.assignments.map((a) => [a.contractNo, a.amountDue])).toEqual([['9100001', 1_400_000]]);
    });

    it('holds a load with too many bad rows, lists its errors without personal data, and applies its good rows once accepted', async () => {
      const id = `sql-${randomUUID()}`;
      await writeLoadBySql(system, {
        id,
        workDate: today(),
        accounts: [account('9200001', 500_000), { ...account('9200002', -5), debtor_name: 'Siti Aminah' }],
        assignments: [assignment(code(2), '9200001', 1), assignment('NOBODY', '9200001', 2), assignment(code(2), '9200002', 3)],
      });
      const held = await settledLoad(system, admin, id);
      expect(held).toMatchObject({ status: 'held', badRows: 3 });

      const errors = await system.request(`/api/v1/core/loads/${id}/errors.csv`, { token: admin });
      expect(errors.status).toBe(200);
      expect(errors.headers.get('content-type')).toContain('text/csv');
      expect(errors.text.trim().split('\n')).toEqual([
        'table,rowNo,field,code,message',
        'account,2,amount_due,invalid,"Must be a whole number of rupiah, zero or more"',
        'assignment,2,employee_code,unknown-collector,No active collector has this employee code',
        'assignment,3,account_no,unknown-account,"No account has this number, in this load or before it"',
      ]);
      expect(errors.text).not.toContain('Siti');

      const accepted = await system.request(`/api/v1/core/loads/${id}/accept`, { method: 'POST', token: admin });
      expect(accepted.status).toBe(200);
      expect(await settledLoad(system, admin, id)).toMatchObject({ status: 'applied', badRows: 3, worklistsChanged: 1 });
      const audit = await system.request('/api/v1/admin/audit', { token: admin });
      expect(audit.body.items.map((entry: { action: string }) => entry.action)).toContain('core.load.accept');
    });

    it('imports generated files with core:import; the same files again are not sent', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'core-files-'));
      try {
        const generated = await system.runCommand('apps/core-cli/src/generate.js', [
          '--collectors',
          '3',
          '--accounts-per-collector',
          '4',
          '--date',
          today(),
          '--out',
          dir,
        ]);
        expect(generated.code).toBe(0);
        const files = generated.stdout.trim().split('\n');
        const args = [...files, '--date', today(), '--url', system.gatewayUrl];
        const first = await system.runCommand('apps/core-cli/src/import.js', args, { CORE_PASSWORD: DEMO_PASSWORD });
        expect(first.stderr).toMatch(/^assignment rows: \d+ bytes$/m);
        expect(first.code).toBe(0);
        expect(JSON.parse(first.stdout)).toMatchObject({
          status: 'applied',
          badRows: 0,
          worklistsChanged: 3,
          rows: { collectors: 3, accounts: 12, assignments: 12 },
        });

        const lkh = await system.request('/api/v1/worklist', { token: (await login(system, 'kol000002', phone(`core-kol2-${randomUUID()}`))).token });
        expect(lkh.body.assignments).toHaveLength(4);

        const again = await system.runCommand('apps/core-cli/src/import.js', args, { CORE_PASSWORD: DEMO_PASSWORD });
        expect(again.code).toBe(0);
        expect(JSON.parse(again.stdout)).toMatchObject({ id: JSON.parse(first.stdout).id, note: expect.stringContaining('nothing sent') });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('loads the demo data through the bridge', async () => {
      const demo = await system.request(`/api/v1/core/loads/demo-${today()}`, { token: admin });
      expect(demo.body).toMatchObject({ status: 'applied', badRows: 0, rows: { collectors: 0, accounts: 75, assignments: 75 }, worklistsChanged: 3 });
    });

    it('answers loads to admins only', async () => {
      const collectorSession = await loginAs(2);
      expect((await system.request('/api/v1/core/loads', { token: collectorSession.token })).status).toBe(403);
      const list = await system.request('/api/v1/core/loads?limit=2', { token: admin });
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ limit: 2, offset: 0, total: expect.any(Number) });
      expect((await system.request(`/api/v1/core/loads/${randomUUID()}`, { token: admin })).status).toBe(404);
    });

    it('counts the employee code of each collector once', async () => {
      const core = await connectAsCore(system);
      try {
        const rows = await core.run('SELECT COUNT(*) AS n FROM app_user WHERE employee_code = ?', [code(1)]);
        expect(Number(rows[0].n)).toBe(1);
      } finally {
        await core.close();
      }
    });
  });

  describe('five processes', () => {
    let system: RunningSystem;
    let admin: string;
    /** The database service's lines about a load: its own log in five processes, the one process's log otherwise. */
    const linesOf = (target: RunningSystem, msg: string, loadId: string) =>
      target.logOf(target.mode === 'split' ? 'database' : 'main').filter((line) => line.msg === msg && line.loadId === loadId);

    beforeAll(async () => {
      system = await startSystem({ mode: 'split', engine, env: { CORE_POLL_INTERVAL_MS: '200' } });
      admin = (await login(system, 'admin')).token;
    }, SYSTEM_START_TIMEOUT_MS);

    afterAll(async () => {
      await system?.stop();
    });

    it('applies a load exactly once when the database service is killed mid-apply and restarted', async () => {
      const id = `bulk-${randomUUID()}`;
      await writeBulkLoadBySql(system, { id, workDate: today(), prefix: 'KL', collectors: 1000, perCollector: 50 });
      await waitFor(
        () => linesOf(system, 'applying core load', id).length,
        (n) => n > 0,
        30000,
      );
      expect(linesOf(system, 'core load processed', id)).toHaveLength(0);
      await system.kill('database');
      await system.waitUntilReady(60000);

      const load = await settledLoad(system, admin, id, 120000);
      expect(load).toMatchObject({ status: 'applied', badRows: 0, worklistsChanged: 1000 });
      expect(linesOf(system, 'applying core load', id).length).toBeGreaterThanOrEqual(2);
      expect(await appliedCounts(system, id)).toEqual({ worklists: 1000, assignments: 50000 });
    }, 240000);

    // Two database services on one database is a PostgreSQL or SQL Server deployment: an SQLite file has one
    // owner. Two bridges on one SQLite file are tested in core-load.bridge.spec.ts.
    if (engine === 'postgres') {
      it('applies a load once when two database services find it ready at the same time', async () => {
        const second = await startSystem({ mode: 'single', engine, env: { DB_URL: system.env.DB_URL, DEMO_DATA: 'false', CORE_POLL_INTERVAL_MS: '100' } });
        try {
          const id = `bulk-${randomUUID()}`;
          await writeBulkLoadBySql(system, { id, workDate: today(), prefix: 'KB', collectors: 300, perCollector: 40 });
          const load = await settledLoad(system, admin, id, 120000);
          expect(load).toMatchObject({ status: 'applied', worklistsChanged: 300 });
          await new Promise((resolve) => setTimeout(resolve, 1000));
          expect(await appliedCounts(system, id)).toEqual({ worklists: 300, assignments: 12000 });
          const processed = [...linesOf(system, 'core load processed', id), ...linesOf(second, 'core load processed', id)];
          expect(processed).toHaveLength(1);
        } finally {
          await second.stop();
        }
      }, 240000);
    }
  });
});
