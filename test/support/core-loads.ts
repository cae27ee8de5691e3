import { DataSource } from 'typeorm';
import { loadConfig } from '#libs/config';
import { dataSourceOptions } from '#libs/entities';
import type { RunningSystem } from './system-harness.js';
import { waitFor } from './wait-for.js';

export interface CollectorRow {
  employee_code: string | null;
  full_name: string | null;
  branch_code: string | null;
  active: number | null;
  password_hash: string | null;
}

export interface AccountRow {
  account_no: string | null;
  debtor_name: string | null;
  address: string | null;
  phone: string | null;
  product: string | null;
  installment: number | null;
  outstanding: number | null;
  amount_due: number | null;
  days_past_due: number | null;
  branch_code: string | null;
}

/** An account row as a core job writes it, with plausible values beside the amount due that a test is about. */
export function accountRow(accountNo: string, amountDue: number, branch = 'JKT01'): AccountRow {
  return {
    account_no: accountNo,
    debtor_name: 'Budi Santoso',
    address: 'Jl. Merdeka No. 1, Jakarta',
    phone: '081234567890',
    product: 'Kredit Motor',
    installment: 750_000,
    outstanding: 9_000_000,
    amount_due: amountDue,
    days_past_due: 35,
    branch_code: branch,
  };
}

export interface AssignmentRow {
  work_date: string | null;
  employee_code: string | null;
  account_no: string | null;
  visit_order: number | null;
}

export interface CoreLoadContent {
  id: string;
  workDate: string;
  contentHash?: string;
  collectors?: CollectorRow[];
  accounts?: AccountRow[];
  assignments?: AssignmentRow[];
}

/** The staging database as a core job sees it: plain SQL with `?` parameters, on the system's own engine. */
export interface CoreConnection {
  run(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function connectAsCore(system: RunningSystem): Promise<CoreConnection> {
  const postgres = system.env.DB_TYPE === 'postgres';
  const dataSource = new DataSource({ ...dataSourceOptions(loadConfig({ ...system.env })), migrations: [] });
  await dataSource.initialize();
  return {
    run: async (sql, params = []) => {
      let n = 0;
      const result: unknown = await dataSource.query(postgres ? sql.replace(/\?/g, () => `$${++n}`) : sql, params);
      return Array.isArray(result) ? result : [];
    },
    close: () => dataSource.destroy(),
  };
}

function insertRows(core: CoreConnection, table: string, loadId: string, rows: object[]): Promise<unknown> {
  return rows.reduce<Promise<unknown>>(async (previous, row, index) => {
    await previous;
    const columns = Object.keys(row);
    return core.run(`INSERT INTO ${table} (load_id, row_no, ${columns.join(', ')}) VALUES (?, ?, ${columns.map(() => '?').join(', ')})`, [
      loadId,
      index + 1,
      ...Object.values(row),
    ]);
  }, Promise.resolve());
}

/** Writes a load as the core's own job does: the header as `loading`, its rows, then `ready` last. */
export async function writeLoadBySql(system: RunningSystem, load: CoreLoadContent): Promise<void> {
  const core = await connectAsCore(system);
  try {
    const declared = (load.collectors?.length ?? 0) + (load.accounts?.length ?? 0) + (load.assignments?.length ?? 0);
    await core.run(
      "INSERT INTO core_load (id, kind, work_date, declared_rows, status, content_hash, accept_bad_rows, created_at) VALUES (?, 'daily', ?, ?, 'loading', ?, ?, ?)",
      [
        load.id,
        load.workDate,
        declared,
        load.contentHash ?? null,
        false,
        system.env.DB_TYPE === 'postgres' ? new Date() : new Date().toISOString().replace('T', ' ').replace('Z', ''),
      ],
    );
    await insertRows(core, 'core_collector_row', load.id, load.collectors ?? []);
    await insertRows(core, 'core_account_row', load.id, load.accounts ?? []);
    await insertRows(core, 'core_assignment_row', load.id, load.assignments ?? []);
    await core.run("UPDATE core_load SET status = 'ready' WHERE id = ?", [load.id]);
  } finally {
    await core.close();
  }
}

/** Waits until the bridge has finished with a load, and answers it as admins see it. */
export async function settledLoad(system: RunningSystem, token: string, loadId: string, timeoutMs = 30000): Promise<any> {
  const reply = await waitFor(
    () => system.request(`/api/v1/core/loads/${loadId}`, { token }),
    (answer) => answer.status === 200 && !['loading', 'ready'].includes(answer.body.status),
    timeoutMs,
  );
  if (reply.status !== 200) throw new Error(`GET /core/loads/${loadId} answered ${reply.status}: ${reply.text}`);
  return reply.body;
}

/** Sends a load over the files route: begin, one CSV body per table, ready. */
export async function uploadLoad(
  system: RunningSystem,
  token: string,
  workDate: string,
  files: Partial<Record<'collector' | 'account' | 'assignment', string>>,
  contentHash?: string,
): Promise<any> {
  const begun = await system.request('/api/v1/core/loads', { method: 'POST', token, json: { workDate, ...(contentHash ? { contentHash } : {}) } });
  if (begun.status !== 201) throw new Error(`POST /core/loads answered ${begun.status}: ${begun.text}`);
  if (begun.body.status !== 'loading') return begun.body;
  for (const [table, csv] of Object.entries(files)) {
    const reply = await system.request(`/api/v1/core/loads/${begun.body.id}/rows/${table}`, {
      method: 'PUT',
      token,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    if (reply.status !== 200) throw new Error(`PUT rows/${table} answered ${reply.status}: ${reply.text}`);
  }
  const ready = await system.request(`/api/v1/core/loads/${begun.body.id}/ready`, { method: 'POST', token });
  if (ready.status !== 200) throw new Error(`POST ready answered ${ready.status}: ${ready.text}`);
  return ready.body;
}

/**
 * Writes a load of `collectors` collectors with `perCollector` accounts each,
 * made by the database itself (a recursive count), so a test gets a load big
 * enough to take seconds to apply without sending each row. Collector rows
 * carry no password hash: these collectors are not logged into.
 */
export async function writeBulkLoadBySql(
  system: RunningSystem,
  load: { id: string; workDate: string; prefix: string; collectors: number; perCollector: number },
): Promise<void> {
  const core = await connectAsCore(system);
  const postgres = system.env.DB_TYPE === 'postgres';
  const count = (n: number) => `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n})`;
  const accounts = load.collectors * load.perCollector;
  try {
    await core.run(
      "INSERT INTO core_load (id, kind, work_date, declared_rows, status, accept_bad_rows, created_at) VALUES (?, 'daily', ?, ?, 'loading', ?, ?)",
      [load.id, load.workDate, load.collectors + 2 * accounts, false, postgres ? new Date() : new Date().toISOString().replace('T', ' ').replace('Z', '')],
    );
    await core.run(
      `${count(load.collectors)} INSERT INTO core_collector_row (load_id, row_no, employee_code, full_name, branch_code, active) ` +
        `SELECT ?, i, '${load.prefix}K' || i, 'Kolektor ' || i, 'JKT01', 1 FROM n`,
      [load.id],
    );
    await core.run(
      `${count(accounts)} INSERT INTO core_account_row (load_id, row_no, account_no, debtor_name, address, phone, product, installment, outstanding, amount_due, days_past_due, branch_code) ` +
        `SELECT ?, i, '${load.prefix}A' || i, 'Debitur ' || i, 'Jl. Sudirman ' || i, '0812' || i, 'Multiguna', 500000, 6000000, 1000000 + i, 30, 'JKT01' FROM n`,
      [load.id],
    );
    await core.run(
      `${count(accounts)} INSERT INTO core_assignment_row (load_id, row_no, work_date, employee_code, account_no, visit_order) ` +
        `SELECT ?, i, ?, '${load.prefix}K' || ((i - 1) / ${load.perCollector} + 1), '${load.prefix}A' || i, ((i - 1) % ${load.perCollector}) + 1 FROM n`,
      [load.id, load.workDate],
    );
    await core.run("UPDATE core_load SET status = 'ready' WHERE id = ?", [load.id]);
  } finally {
    await core.close();
  }
}

/** What a load left in the LKH tables: its LKHs and their assignments. */
export async function appliedCounts(system: RunningSystem, loadId: string): Promise<{ worklists: number; assignments: number }> {
  const core = await connectAsCore(system);
  try {
    const [worklists] = await core.run('SELECT COUNT(*) AS n FROM worklist WHERE core_load_id = ?', [loadId]);
    const [assignments] = await core.run('SELECT COUNT(*) AS n FROM assignment a JOIN worklist w ON w.id = a.worklist_id WHERE w.core_load_id = ?', [loadId]);
    return { worklists: Number(worklists.n), assignments: Number(assignments.n) };
  } finally {
    await core.close();
  }
}
