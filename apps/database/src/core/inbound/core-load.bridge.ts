import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '#libs/config';
import { CoreLoad, Worklist } from '#libs/entities';
import { TransactionRunner } from '../../persistence/transaction.runner.js';
import { recordBrokenRows, validRow } from './core-row-checks.js';
import { SqlDialect, orderedIdOf, orderedIdPrefix } from '../../persistence/sql.dialect.js';
import { LkhFingerprint, type LkhLine } from './core-worklist.fingerprint.js';

/** Collectors whose LKH is compared and written at a time: bounds memory and SQL Server's 2,100 parameters. */
const COLLECTORS_PER_ROUND = 500;

interface Collector {
  id: string;
  employee_code: string;
  branch_id: string;
}

interface CurrentLkh extends Collector {
  worklist_id: string | null;
  content_hash: string | null;
}

/**
 * Applies the loads the core marked ready. Each load is applied in one
 * transaction whose first statement claims it (`ready` and still `ready`):
 * that row lock makes a second bridge wait and then find nothing to claim, on
 * PostgreSQL and SQL Server, and SQLite has one writer; a crash mid-apply
 * rolls everything back, the load is `ready` again, and the next start
 * applies it. Rows are checked and written with set-based SQL.
 */
@Injectable()
export class CoreLoadBridge {
  private readonly logger = new Logger('CoreBridge');
  private round: Promise<void> | null = null;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig,
  ) {}

  /** Applies every ready load, oldest first; a call while a round runs joins it and then runs once more. */
  async applyReadyLoads(): Promise<void> {
    while (this.round) await this.round;
    this.round = this.applyAllReady().finally(() => (this.round = null));
    await this.round;
  }

  private async applyAllReady(): Promise<void> {
    for (;;) {
      const next = await this.transactions.read((manager) =>
        manager.findOne(CoreLoad, { where: { status: 'ready' }, order: { createdAt: 'ASC', id: 'ASC' }, select: { id: true } }),
      );
      if (!next || !(await this.applyOne(next.id))) return;
    }
  }

  /** Answers false when another bridge holds the load: this round ends, and the next poll looks again. */
  private async applyOne(loadId: string): Promise<boolean> {
    const started = Date.now();
    try {
      const load = await this.transactions.run((manager) => this.apply(manager, loadId));
      if (load) this.logger.log({ msg: 'core load processed', loadId, status: load.status, badRows: load.badRows, ms: Date.now() - started });
      return load !== null;
    } catch (error) {
      if (heldByAnotherWriter(error)) {
        this.logger.log({ msg: 'core load is being applied by another bridge', loadId });
        return false;
      }
      this.logger.error({ msg: 'core load failed', loadId, error: error instanceof Error ? error.message : String(error) });
      await this.transactions.run((manager) =>
        manager.update(CoreLoad, { id: loadId, status: 'ready' }, { status: 'failed', message: 'The bridge could not apply it; see the database service log' }),
      );
      return true;
    }
  }

  private async apply(manager: EntityManager, loadId: string): Promise<CoreLoad | null> {
    const claim = await manager
      .createQueryBuilder()
      .update(CoreLoad)
      .set({ message: null })
      .where('id = :id AND status = :status', { id: loadId, status: 'ready' })
      .execute();
    if (claim.affected !== 1) return null;
    this.logger.log({ msg: 'applying core load', loadId });
    const load = await manager.findOneByOrFail(CoreLoad, { id: loadId });
    const sql = new SqlDialect(manager);
    const now = new Date();
    const finish = async (changes: Partial<CoreLoad>) => {
      Object.assign(load, { appliedAt: now, ...changes });
      await manager.update(CoreLoad, { id: loadId }, { appliedAt: now, ...changes });
      return load;
    };

    const twin = load.contentHash
      ? await manager.findOne(CoreLoad, {
          where: { contentHash: load.contentHash, kind: load.kind, workDate: load.workDate, status: 'applied' },
          select: { id: true },
        })
      : null;
    if (twin) return finish({ status: 'duplicate', duplicateOf: twin.id, message: 'Same content as an applied load: nothing changed' });

    const params = { load: loadId, workDate: load.workDate };
    const rows = {
      collectorRows: await sql.count('SELECT COUNT(*) AS n FROM core_collector_row WHERE load_id = :load', params),
      accountRows: await sql.count('SELECT COUNT(*) AS n FROM core_account_row WHERE load_id = :load', params),
      assignmentRows: await sql.count('SELECT COUNT(*) AS n FROM core_assignment_row WHERE load_id = :load', params),
    };
    const total = rows.collectorRows + rows.accountRows + rows.assignmentRows;
    if (total !== load.declaredRows) {
      return finish({ ...rows, status: 'failed', message: `The header declares ${load.declaredRows} rows; the tables hold ${total}` });
    }

    await recordBrokenRows(sql, params);
    const badRows = await sql.count('SELECT COUNT(*) AS n FROM (SELECT DISTINCT table_name, row_no FROM core_load_error WHERE load_id = :load) bad', params);
    if (badRows * 100 > this.config.core.maxBadRowsPercent * total && !load.acceptBadRows) {
      return finish({
        ...rows,
        badRows,
        status: 'held',
        message: `${badRows} of ${total} rows are bad, over the ${this.config.core.maxBadRowsPercent}% allowed: send a corrected load, or accept this one to apply its good rows`,
      });
    }

    await this.applyCollectors(sql, params, now);
    await this.allotReceiptRanges(sql, params);
    await this.applyAccounts(sql, params, now);
    // The LKHs are made by joining what this load just wrote to the collectors and accounts; without fresh counts the planner takes thousands for a few.
    await sql.analyze(['app_user', 'account']);
    const worklistsChanged = await this.applyWorklists(manager, sql, load, now);
    return finish({ ...rows, badRows, worklistsChanged, status: 'applied', message: null });
  }

  /** Collectors the core names are created or brought up to date by employee code; a new one has no usable password unless the row brings a hash. */
  private async applyCollectors(sql: SqlDialect, params: Record<string, string>, now: Date): Promise<void> {
    const source =
      `SELECT r.row_no, r.employee_code, r.full_name, b.id AS branch_id, CASE WHEN r.active = 1 THEN ${sql.true} ELSE ${sql.false} END AS active, r.password_hash ` +
      `FROM core_collector_row r JOIN branch b ON b.code = r.branch_code WHERE r.load_id = :load AND ${validRow('collector', 'r')}`;
    const at = sql.instant(now);
    await sql.run(
      sql.updateFrom({
        table: 'app_user',
        set: ['full_name = s.full_name', 'branch_id = s.branch_id', 'active = s.active', 'updated_at = :now'],
        source,
        on: 't.employee_code = s.employee_code',
        when: 't.full_name <> s.full_name OR t.branch_id IS NULL OR t.branch_id <> s.branch_id OR t.active <> s.active',
      }),
      { ...params, now: at },
    );
    await sql.run(
      'INSERT INTO app_user (id, username, full_name, password_hash, role, branch_id, active, may_bind_devices, employee_code, created_at, updated_at) ' +
        `SELECT ${sql.orderedId('ids', 's.row_no')}, LOWER(s.employee_code), s.full_name, COALESCE(s.password_hash, '!'), 'collector', s.branch_id, s.active, ${sql.true}, ` +
        `s.employee_code, ${sql.instantParameter('now')}, ${sql.instantParameter('now')} FROM (${source}) s WHERE NOT EXISTS (SELECT 1 FROM app_user u WHERE u.employee_code = s.employee_code)`,
      { ...params, now: at, ids: orderedIdPrefix() },
    );
  }

  /**
   * A collector the core names who has no receipt range yet (one this load
   * creates, above all) gets one as demo collectors do: its own prefix, here
   * its employee code, numbers 1 to CORE_RECEIPTS_PER_COLLECTOR. A code longer
   * than a prefix may be, or already a prefix, leaves the range to an admin.
   */
  private async allotReceiptRanges(sql: SqlDialect, params: Record<string, string>): Promise<void> {
    await sql.run(
      'INSERT INTO receipt_range (id, collector_id, prefix, from_no, to_no, active) ' +
        `SELECT ${sql.orderedId('ids', 'r.row_no')}, u.id, r.employee_code, 1, :receipts, ${sql.true} ` +
        'FROM core_collector_row r JOIN app_user u ON u.employee_code = r.employee_code ' +
        `WHERE r.load_id = :load AND ${validRow('collector', 'r')} AND ${sql.length('r.employee_code')} <= 16 ` +
        'AND NOT EXISTS (SELECT 1 FROM receipt_range x WHERE x.collector_id = u.id) ' +
        'AND NOT EXISTS (SELECT 1 FROM receipt_range x WHERE x.prefix = r.employee_code)',
      { ...params, ids: orderedIdPrefix(), receipts: this.config.core.receiptsPerCollector },
    );
  }

  /** Accounts are upserted by account number, and only rewritten when something the core says of them changed. */
  private async applyAccounts(sql: SqlDialect, params: Record<string, string>, now: Date): Promise<void> {
    const source =
      `SELECT ${sql.orderedId('ids', 'r.row_no')} AS id, r.account_no AS contract_no, b.id AS branch_id, r.debtor_name, r.address, r.phone, r.product, ` +
      `r.latitude, r.longitude, r.installment AS installment_amount, r.amount_due, r.days_past_due AS overdue_days, r.outstanding, ${sql.instantParameter('now')} AS updated_at ` +
      `FROM core_account_row r JOIN branch b ON b.code = r.branch_code WHERE r.load_id = :load AND ${validRow('account', 'r')}`;
    const described = [
      'branch_id',
      'debtor_name',
      'address',
      'phone',
      'product',
      'latitude',
      'longitude',
      'installment_amount',
      'amount_due',
      'overdue_days',
      'outstanding',
    ];
    await sql.run(
      sql.upsert({
        table: 'account',
        key: 'contract_no',
        columns: ['id', 'contract_no', ...described, 'updated_at'],
        updated: described,
        touched: ['updated_at'],
        source,
      }),
      { ...params, now: sql.instant(now), ids: orderedIdPrefix() },
    );
  }

  /**
   * Each collector named by the load gets a new current LKH for the work date
   * when it differs from the one they have (by fingerprint); the old one is
   * superseded, not changed, so a batch open on it keeps it. Answers how many
   * LKHs were made.
   */
  private async applyWorklists(manager: EntityManager, sql: SqlDialect, load: CoreLoad, now: Date): Promise<number> {
    const params = { load: load.id, workDate: load.workDate };
    // Every valid assignment with what its LKH shows of the account, made once: joined to the accounts a round at a time, the
    // engine reads the whole account table for each round's few thousand lines.
    const lines = sql.temporaryTable('core_lkh_line');
    await sql.run(
      sql.createTemporaryTableAs(
        lines,
        'SELECT r.employee_code, r.visit_order, r.row_no, a.id AS account_id, a.contract_no, a.debtor_name, a.address, a.phone, a.product, ' +
          'a.installment_amount, a.amount_due, a.overdue_days, a.outstanding FROM core_assignment_row r JOIN account a ON a.contract_no = r.account_no ' +
          `WHERE r.load_id = :load AND ${validRow('assignment', 'r')}`,
      ),
      params,
    );
    await sql.run(`CREATE INDEX ix_core_lkh_line ON ${lines} (employee_code, visit_order, row_no)`);
    const codes = await sql.run<{ employee_code: string }>(`SELECT DISTINCT employee_code FROM ${lines} ORDER BY employee_code`);
    // New LKHs get ids in employee code order, as their assignments are inserted.
    const worklistIds = orderedIdPrefix();
    let changed = 0;
    const ordinals = new Map(codes.map((row, ordinal) => [row.employee_code, ordinal]));
    for (let start = 0; start < codes.length; start += COLLECTORS_PER_ROUND) {
      const round = codes.slice(start, start + COLLECTORS_PER_ROUND).map((row) => row.employee_code);
      changed += await this.replaceChangedWorklists(manager, sql, load, lines, round, now, (code) => orderedIdOf(worklistIds, ordinals.get(code)!));
    }
    await sql.run(
      'INSERT INTO assignment (id, worklist_id, account_id, collector_id, sequence, amount_due, overdue_days) ' +
        `SELECT ${sql.orderedId('ids', 'l.row_no')}, w.id, l.account_id, w.collector_id, l.visit_order, l.amount_due, l.overdue_days ` +
        `FROM ${lines} l JOIN app_user u ON u.employee_code = l.employee_code ` +
        // The current LKH by collector and date is one lookup on its unique index; those this load made carry its id.
        'JOIN worklist w ON w.collector_id = u.id AND w.work_date = :workDate AND w.superseded_at IS NULL AND w.core_load_id = :load',
      { ...params, ids: orderedIdPrefix() },
    );
    await sql.run(`DROP TABLE ${lines}`);
    return changed;
  }

  private async replaceChangedWorklists(
    manager: EntityManager,
    sql: SqlDialect,
    load: CoreLoad,
    lines: string,
    codes: string[],
    now: Date,
    worklistIdOf: (employeeCode: string) => string,
  ): Promise<number> {
    // The round is a range of the codes in the engine's own order: one index range scan, where a list of 500 codes is compared with every row.
    const params = { workDate: load.workDate, first: codes[0], last: codes[codes.length - 1] };
    // Each collector's lines are hashed as they are read: read whole, a round's 20,000 lines outlived V8's young generation,
    // and at 800,000 lines the rounds took the heap from 80 to 147 MB before a full collection.
    const fingerprints = new Map<string, LkhFingerprint>();
    await sql.forEachRow<LkhLine & { employee_code: string }>(
      'SELECT employee_code, visit_order, contract_no, debtor_name, address, phone, product, installment_amount, amount_due, overdue_days, outstanding ' +
        `FROM ${lines} WHERE employee_code BETWEEN :first AND :last ORDER BY employee_code, visit_order, row_no`,
      params,
      (line) => {
        let fingerprint = fingerprints.get(line.employee_code);
        if (!fingerprint) fingerprints.set(line.employee_code, (fingerprint = new LkhFingerprint()));
        fingerprint.add(line);
      },
    );
    const named = new Set(codes);
    const collectors = (
      await sql.run<Collector>('SELECT id, employee_code, branch_id FROM app_user WHERE employee_code BETWEEN :first AND :last', params)
    ).filter((collector) => named.has(collector.employee_code));
    // Asked apart from the collectors, by their ids: joined to them, PostgreSQL planned from the counts taken before the
    // rounds (no LKH yet for the date) and compared every collector with every LKH made so far, 1.2 s a round at 20,000.
    const lkhs = new Map<string, { id: string; content_hash: string | null }>();
    if (collectors.length > 0) {
      const rows = await sql.run<{ collector_id: string; id: string; content_hash: string | null }>(
        'SELECT collector_id, id, content_hash FROM worklist WHERE collector_id IN (:...ids) AND work_date = :workDate AND superseded_at IS NULL',
        { ids: collectors.map((collector) => collector.id), workDate: load.workDate },
      );
      for (const row of rows) lkhs.set(row.collector_id, row);
    }
    const current: CurrentLkh[] = collectors.map((collector) => ({
      ...collector,
      worklist_id: lkhs.get(collector.id)?.id ?? null,
      content_hash: lkhs.get(collector.id)?.content_hash ?? null,
    }));
    const replaced = current
      .map((collector) => ({ collector, fingerprint: (fingerprints.get(collector.employee_code) ?? new LkhFingerprint()).digest() }))
      .filter(({ collector, fingerprint }) => collector.content_hash !== fingerprint);
    if (replaced.length === 0) return 0;
    const superseded = replaced.flatMap(({ collector }) => (collector.worklist_id ? [collector.worklist_id] : []));
    if (superseded.length > 0) {
      await sql.run('UPDATE worklist SET superseded_at = :now WHERE id IN (:...ids)', { now: sql.instant(now), ids: superseded });
    }
    const worklists = replaced.map(({ collector, fingerprint }) => ({
      id: worklistIdOf(collector.employee_code),
      collectorId: collector.id,
      branchId: collector.branch_id,
      workDate: load.workDate,
      createdAt: now,
      coreLoadId: load.id,
      supersededAt: null,
      contentHash: fingerprint,
    }));
    const perInsert = Math.floor(sql.maxParameters / 8);
    for (let start = 0; start < worklists.length; start += perInsert) await manager.insert(Worklist, worklists.slice(start, start + perInsert));
    return replaced.length;
  }
}

/** SQLite's one writer is busy: another process's bridge holds the load, and it is theirs to finish. */
function heldByAnotherWriter(error: unknown): boolean {
  return (error as { code?: string }).code === 'SQLITE_BUSY';
}
