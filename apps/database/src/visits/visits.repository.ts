import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { sessionStanding } from '#libs/auth';
import type { BatchVisitsRecord, ReceiptRangeRecord, ResultCodeRecord, SessionCheckRequest, VisitContent } from '#libs/contract';
import { Batch, Visit } from '#libs/entities';
import { toBatchView } from '../batches/batch.mapper.js';
import { SqlDialect, type SqlParameters } from '../persistence/sql.dialect.js';
import { visitsOutboundRows, type CoreNames, type OutboundVisit } from '../core/outbound/outbound-records.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { requireStandingIn, sessionRecordOf } from '../users/session-records.js';
import { toVisitView } from './visit.mapper.js';
import { readOpenDayOnPostgres, readTakenOnPostgres } from './visits.postgres.js';

/** The collector's open batch, with where its visits are filed. */
export interface OpenBatchRecord {
  id: string;
  worklistId: string | null;
  workDate: string;
  /** The worklist's branch, or the collector's when the batch has no LKH; null when neither is set. */
  branchId: string | null;
  branchCode: string | null;
  collectorUsername: string;
}

/** An assignment of the open LKH and the account it visits. */
export interface AssignedAccount {
  accountId: string;
  /** The account's contract number, which names it to the core. */
  accountNo: string;
}

/** The visit table's columns and the entity's properties they hold. */
const VISIT_COLUMNS: [string, keyof Visit][] = [
  ['id', 'id'],
  ['batch_id', 'batchId'],
  ['assignment_id', 'assignmentId'],
  ['account_id', 'accountId'],
  ['collector_id', 'collectorId'],
  ['branch_id', 'branchId'],
  ['work_date', 'workDate'],
  ['result_code', 'resultCode'],
  ['visited_at', 'visitedAt'],
  ['latitude', 'latitude'],
  ['longitude', 'longitude'],
  ['accuracy_m', 'accuracyM'],
  ['notes', 'notes'],
  ['content', 'content'],
  ['content_hash', 'contentHash'],
  ['received_at', 'receivedAt'],
];

/** A visit that passed the rules, with where it is filed. */
export interface VisitToStore {
  content: VisitContent;
  contentHash: string;
  collectorId: string;
  batchId: string;
  branchId: string;
  workDate: string;
  receivedAt: Date;
  account: AssignedAccount;
  names: Pick<CoreNames, 'collectorUsername' | 'branchCode'>;
}

/** What an upload reads of its collector's open day: the batch, held shared, and what its visits name of the day. */
export interface OpenDayRecord {
  batch: OpenBatchRecord;
  /** The account of each named assignment that is on the batch's LKH. */
  accounts: Map<string, AssignedAccount>;
  resultCodes: ResultCodeRecord[];
  /** The collector's receipt ranges; read only when a visit carries a payment. */
  receiptRanges: ReceiptRangeRecord[];
}

/** What an upload's visits name of the day. */
export interface NamedByVisits {
  assignmentIds: string[];
  codes: string[];
  withPayment: boolean;
}

/** A visit already stored, as much of it as answers a replay. */
export type StoredVisitRecord = Pick<Visit, 'id' | 'content' | 'contentHash' | 'collectorId' | 'batchId' | 'receivedAt'>;

/** What is stored under an upload's visit ids and receipt numbers. */
export interface TakenRecord {
  visits: StoredVisitRecord[];
  receipts: Set<string>;
}

export interface AssignedAccountRow {
  id: string;
  account_id: string;
  contract_no: string;
}

export interface OpenBatchRow {
  id: string;
  worklist_id: string | null;
  work_date: string;
  branch_id: string | null;
  branch_code: string | null;
  username: string;
}

type Flag = boolean | number;

export interface ResultCodeRow {
  code: string;
  label: string;
  requires_payment: Flag;
  requires_promise: Flag;
  requires_gps: Flag;
  min_photos: number | string;
  active: Flag;
}

export interface ReceiptRangeRow {
  prefix: string;
  from_no: number | string;
  to_no: number | string;
  active: Flag;
}

/**
 * The statements of the collection day's visits. Those of an upload take the
 * unit of work's manager: the upload reads the day, checks and stores its
 * visits in one transaction. Reads on the hot path are plain parameterized
 * SQL, which the SQLite driver keeps prepared, with no entity hydration.
 */
@Injectable()
export class VisitsRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  ofBatch(batchId: string): Promise<BatchVisitsRecord> {
    return this.transactions.read(async (manager) => {
      const batch = await manager.findOneByOrFail(Batch, { id: batchId });
      const visits = await manager.find(Visit, { where: { batchId }, order: { receivedAt: 'ASC', id: 'ASC' } });
      return { batch: toBatchView(batch), lastSyncAt: batch.lastSyncAt?.toISOString() ?? null, visits: visits.map(toVisitView) };
    });
  }

  /**
   * The session's standing, checked first (a 401 problem when it has ended),
   * then the collector's open batch, locked as `lockOpenBatch` locks it, with
   * the assignments, codes and receipt ranges the upload's visits name; null
   * when no batch is open. PostgreSQL reads them all in one statement, the
   * other engines one statement each.
   */
  async openDay(manager: EntityManager, session: SessionCheckRequest, named: NamedByVisits): Promise<OpenDayRecord | null> {
    if (new SqlDialect(manager).isPostgres) {
      const rows = await readOpenDayOnPostgres(manager, session, named);
      sessionStanding(session, rows.session && sessionRecordOf(rows.session));
      if (!rows.batch) return null;
      return {
        batch: openBatchOf(rows.batch),
        accounts: accountsOf(rows.accounts ?? []),
        resultCodes: (rows.codes ?? []).map(resultCodeOf),
        receiptRanges: (rows.ranges ?? []).map(receiptRangeOf),
      };
    }
    await requireStandingIn(manager, session);
    const collectorId = session.userId;
    const batch = await this.lockOpenBatch(manager, collectorId);
    if (!batch) return null;
    const { assignmentIds, codes, withPayment } = named;
    return {
      batch,
      accounts:
        batch.worklistId && assignmentIds.length
          ? await this.accountsOfAssignments(manager, batch.worklistId, assignmentIds)
          : new Map<string, AssignedAccount>(),
      resultCodes: codes.length ? await this.resultCodes(manager, codes) : [],
      receiptRanges: withPayment ? await this.receiptRanges(manager, collectorId) : [],
    };
  }

  /**
   * What is stored now under these visit ids and receipt numbers. Another
   * upload of the same visits may commit while they are read: PostgreSQL
   * reads both in one statement, which sees one moment; elsewhere the
   * receipts are read first, so a visit whose receipt is seen taken is also
   * seen stored.
   */
  async taken(manager: EntityManager, ids: string[], receiptNos: string[]): Promise<TakenRecord> {
    if (new SqlDialect(manager).isPostgres) {
      const rows = await readTakenOnPostgres(manager, ids, receiptNos);
      return { visits: rows.visits, receipts: new Set(rows.receipts) };
    }
    const receipts = await this.usedReceipts(manager, receiptNos);
    return { visits: ids.length ? await this.storedVisits(manager, ids) : [], receipts };
  }

  /**
   * The collector's open batch, its row locked shared for the rest of the
   * upload: the collector's other uploads go on side by side, while a close
   * or a reset, which lock it exclusively, waits for this unit of work and
   * counts its visits, or wins before it and leaves no open batch here.
   */
  async lockOpenBatch(manager: EntityManager, collectorId: string): Promise<OpenBatchRecord | null> {
    const sql = new SqlDialect(manager);
    const lock = sql.rowLock('b', 'shared');
    const [row] = await sql.read<OpenBatchRow>(
      'SELECT b.id AS id, b.worklist_id AS worklist_id, b.work_date AS work_date, br.id AS branch_id, br.code AS branch_code, u.username AS username ' +
        `FROM batch b${lock.hint} INNER JOIN app_user u ON u.id = b.collector_id LEFT JOIN worklist w ON w.id = b.worklist_id ` +
        'LEFT JOIN branch br ON br.id = COALESCE(w.branch_id, u.branch_id) ' +
        `WHERE b.collector_id = :collectorId AND b.status = 'open'${lock.clause}`,
      { collectorId },
    );
    return row ? openBatchOf(row) : null;
  }

  /** The account of each named assignment that is on the worklist; the others are left out. */
  async accountsOfAssignments(manager: EntityManager, worklistId: string, assignmentIds: string[]): Promise<Map<string, AssignedAccount>> {
    const rows = await new SqlDialect(manager).run<AssignedAccountRow>(
      'SELECT a.id AS id, a.account_id AS account_id, ac.contract_no AS contract_no FROM assignment a INNER JOIN account ac ON ac.id = a.account_id ' +
        'WHERE a.worklist_id = :worklistId AND a.id IN (:...assignmentIds)',
      { worklistId, assignmentIds },
    );
    return accountsOf(rows);
  }

  async resultCodes(manager: EntityManager, codes: string[]): Promise<ResultCodeRecord[]> {
    const rows = await new SqlDialect(manager).run<ResultCodeRow>(
      'SELECT code, label, requires_payment, requires_promise, requires_gps, min_photos, active FROM result_code WHERE code IN (:...codes)',
      { codes },
    );
    return rows.map(resultCodeOf);
  }

  async receiptRanges(manager: EntityManager, collectorId: string): Promise<ReceiptRangeRecord[]> {
    const rows = await new SqlDialect(manager).run<ReceiptRangeRow>(
      'SELECT prefix, from_no, to_no, active FROM receipt_range WHERE collector_id = :collectorId',
      {
        collectorId,
      },
    );
    return rows.map(receiptRangeOf);
  }

  /** The visits already stored under any of these ids. */
  storedVisits(manager: EntityManager, ids: string[]): Promise<Visit[]> {
    return manager.find(Visit, { where: { id: In(ids) } });
  }

  /** Those of these receipt numbers that a stored payment already carries. */
  async usedReceipts(manager: EntityManager, receiptNos: string[]): Promise<Set<string>> {
    if (receiptNos.length === 0) return new Set();
    const rows = await new SqlDialect(manager).run<{ receipt_no: string }>('SELECT receipt_no FROM payment WHERE receipt_no IN (:...receiptNos)', {
      receiptNos,
    });
    return new Set(rows.map((row) => row.receipt_no));
  }

  /**
   * Stores the visits with their photos, payments, promises and outbound
   * rows, each table's rows in one call, then moves the batch's last sync to
   * `syncedAt`. A visit id or receipt number already
   * stored fails its unique key here, and the whole call with it. Uploads of
   * one collector run side by side on a pooled engine, and a row whose key
   * another one's uncommitted row holds waits for that one's end: the tables
   * go in one order and each table's rows in the order of their keys (visits
   * by id, payments by receipt), so two uploads never wait for each other at
   * once. The sync mark comes last: on PostgreSQL it is the step that waits
   * for the collector's other uploads (each updates the batch row), so it
   * waits only for their commits. Uploads side by side may reach it out of
   * order; the mark only moves forward. On PostgreSQL the whole call is one
   * statement.
   */
  async insert(manager: EntityManager, records: VisitToStore[], syncedAt: Date): Promise<void> {
    const sql = new SqlDialect(manager);
    const rows = { visit: [] as unknown[][], photo: [] as unknown[][], payment: [] as unknown[][], promise: [] as unknown[][] };
    const outbound: OutboundVisit[] = [];
    for (const record of [...records].sort((a, b) => compare(a.content.id, b.content.id))) {
      const { content, account } = record;
      const visit: Visit = {
        id: content.id,
        batchId: record.batchId,
        assignmentId: content.assignmentId,
        accountId: account.accountId,
        collectorId: record.collectorId,
        branchId: record.branchId,
        workDate: record.workDate,
        resultCode: content.resultCode,
        visitedAt: new Date(content.visitedAt),
        latitude: content.location?.lat ?? null,
        longitude: content.location?.lng ?? null,
        accuracyM: content.location ? Math.round(content.location.accuracy) : null,
        notes: content.notes,
        content: JSON.stringify(content),
        contentHash: record.contentHash,
        receivedAt: record.receivedAt,
      };
      rows.visit.push(VISIT_COLUMNS.map(([, property]) => visit[property]));
      content.photos.forEach((sha256, position) => rows.photo.push([content.id, position, sha256]));
      const { payment, promise } = content;
      if (payment) rows.payment.push([content.id, payment.receiptNo, payment.amount, record.collectorId, account.accountId, visit.visitedAt]);
      if (promise) rows.promise.push([content.id, account.accountId, record.collectorId, record.branchId, promise.date, promise.amount]);
      outbound.push({ visit, content, names: { ...record.names, accountNo: account.accountNo } });
    }
    rows.payment.sort((a, b) => compare(a[1] as string, b[1] as string));
    await sql.insertTables(
      [
        { table: 'visit', columns: VISIT_COLUMNS.map(([column]) => column), rows: rows.visit },
        { table: 'visit_photo', columns: ['visit_id', 'position', 'sha256'], rows: rows.photo },
        { table: 'payment', columns: ['visit_id', 'receipt_no', 'amount', 'collector_id', 'account_id', 'paid_at'], rows: rows.payment },
        { table: 'promise_to_pay', columns: ['visit_id', 'account_id', 'collector_id', 'branch_id', 'promised_date', 'amount'], rows: rows.promise },
        ...visitsOutboundRows(outbound),
      ],
      syncMark(records[0].batchId, syncedAt),
    );
  }
}

/** Moves the batch's last sync forward to `at`, never back. */
function syncMark(batchId: string, at: Date): { sql: string; parameters: SqlParameters } {
  return { sql: 'UPDATE batch SET last_sync_at = :at WHERE id = :batchId AND (last_sync_at IS NULL OR last_sync_at < :at)', parameters: { at, batchId } };
}

function openBatchOf(row: OpenBatchRow): OpenBatchRecord {
  return {
    id: row.id,
    worklistId: row.worklist_id,
    workDate: row.work_date,
    branchId: row.branch_id,
    branchCode: row.branch_code,
    collectorUsername: row.username,
  };
}

function accountsOf(rows: AssignedAccountRow[]): Map<string, AssignedAccount> {
  return new Map(rows.map((row) => [row.id, { accountId: row.account_id, accountNo: row.contract_no }]));
}

function resultCodeOf(row: ResultCodeRow): ResultCodeRecord {
  return {
    code: row.code,
    label: row.label,
    requires: {
      payment: Boolean(row.requires_payment),
      promise: Boolean(row.requires_promise),
      gps: Boolean(row.requires_gps),
      minPhotos: Number(row.min_photos),
    },
    active: Boolean(row.active),
  };
}

function receiptRangeOf(row: ReceiptRangeRow): ReceiptRangeRecord {
  return { prefix: row.prefix, from: Number(row.from_no), to: Number(row.to_no), active: Boolean(row.active) };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
