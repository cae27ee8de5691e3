import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { BatchVisitsRecord, ReceiptRangeRecord, ResultCodeRecord, VisitContent } from '#libs/contract';
import { Batch, Visit } from '#libs/entities';
import { toBatchView } from '../batches/batch.mapper.js';
import { SqlDialect } from '../persistence/sql.dialect.js';
import { recordVisitOutbound, type CoreNames } from '../core/outbound/outbound-records.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { toVisitView } from './visit.mapper.js';

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

interface OpenBatchRow {
  id: string;
  worklist_id: string | null;
  work_date: string;
  branch_id: string | null;
  branch_code: string | null;
  username: string;
}

type Flag = boolean | number;

interface ResultCodeRow {
  code: string;
  label: string;
  requires_payment: Flag;
  requires_promise: Flag;
  requires_gps: Flag;
  min_photos: number | string;
  active: Flag;
}

interface ReceiptRangeRow {
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
   * The collector's open batch, its row locked first (an update that changes
   * nothing) so a concurrent close waits for this unit of work and counts its
   * visits, or wins before it and leaves no open batch here.
   */
  async lockOpenBatch(manager: EntityManager, collectorId: string): Promise<OpenBatchRecord | null> {
    const locked = await manager.update(Batch, { collectorId, status: 'open' }, { lastSyncAt: () => 'last_sync_at' });
    if (!locked.affected) return null;
    const [row] = await new SqlDialect(manager).run<OpenBatchRow>(
      'SELECT b.id AS id, b.worklist_id AS worklist_id, b.work_date AS work_date, br.id AS branch_id, br.code AS branch_code, u.username AS username ' +
        'FROM batch b INNER JOIN app_user u ON u.id = b.collector_id LEFT JOIN worklist w ON w.id = b.worklist_id ' +
        'LEFT JOIN branch br ON br.id = COALESCE(w.branch_id, u.branch_id) ' +
        "WHERE b.collector_id = :collectorId AND b.status = 'open'",
      { collectorId },
    );
    if (!row) return null;
    return {
      id: row.id,
      worklistId: row.worklist_id,
      workDate: row.work_date,
      branchId: row.branch_id,
      branchCode: row.branch_code,
      collectorUsername: row.username,
    };
  }

  /** The account of each named assignment that is on the worklist; the others are left out. */
  async accountsOfAssignments(manager: EntityManager, worklistId: string, assignmentIds: string[]): Promise<Map<string, AssignedAccount>> {
    const rows = await new SqlDialect(manager).run<{ id: string; account_id: string; contract_no: string }>(
      'SELECT a.id AS id, a.account_id AS account_id, ac.contract_no AS contract_no FROM assignment a INNER JOIN account ac ON ac.id = a.account_id ' +
        'WHERE a.worklist_id = :worklistId AND a.id IN (:...assignmentIds)',
      { worklistId, assignmentIds },
    );
    return new Map(rows.map((row) => [row.id, { accountId: row.account_id, accountNo: row.contract_no }]));
  }

  async resultCodes(manager: EntityManager, codes: string[]): Promise<ResultCodeRecord[]> {
    const rows = await new SqlDialect(manager).run<ResultCodeRow>(
      'SELECT code, label, requires_payment, requires_promise, requires_gps, min_photos, active FROM result_code WHERE code IN (:...codes)',
      { codes },
    );
    return rows.map((row) => ({
      code: row.code,
      label: row.label,
      requires: {
        payment: Boolean(row.requires_payment),
        promise: Boolean(row.requires_promise),
        gps: Boolean(row.requires_gps),
        minPhotos: Number(row.min_photos),
      },
      active: Boolean(row.active),
    }));
  }

  async receiptRanges(manager: EntityManager, collectorId: string): Promise<ReceiptRangeRecord[]> {
    const rows = await new SqlDialect(manager).run<ReceiptRangeRow>(
      'SELECT prefix, from_no, to_no, active FROM receipt_range WHERE collector_id = :collectorId',
      {
        collectorId,
      },
    );
    return rows.map((row) => ({ prefix: row.prefix, from: Number(row.from_no), to: Number(row.to_no), active: Boolean(row.active) }));
  }

  /** The visits already stored under any of these ids. */
  storedVisits(manager: EntityManager, ids: string[]): Promise<Visit[]> {
    return manager.find(Visit, { where: { id: In(ids) } });
  }

  storedVisit(manager: EntityManager, id: string): Promise<Visit | null> {
    return manager.findOneBy(Visit, { id });
  }

  async receiptUsed(manager: EntityManager, receiptNo: string): Promise<boolean> {
    const rows = await new SqlDialect(manager).run('SELECT 1 AS used FROM payment WHERE receipt_no = :receiptNo', { receiptNo });
    return rows.length > 0;
  }

  /**
   * Stores the visit with its photos, payment, promise and outbound rows. A
   * visit id or receipt number already stored fails its unique key here.
   * Prepared writes, not entity inserts: this runs for every visit stored.
   */
  async insert(manager: EntityManager, record: VisitToStore): Promise<void> {
    const { content, account } = record;
    const sql = new SqlDialect(manager);
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
    await sql.write(
      'INSERT INTO visit (id, batch_id, assignment_id, account_id, collector_id, branch_id, work_date, result_code, visited_at, latitude, longitude, ' +
        'accuracy_m, notes, content, content_hash, received_at) VALUES (:id, :batchId, :assignmentId, :accountId, :collectorId, :branchId, :workDate, ' +
        ':resultCode, :visitedAt, :latitude, :longitude, :accuracyM, :notes, :content, :contentHash, :receivedAt)',
      { ...visit, visitedAt: sql.instant(visit.visitedAt), receivedAt: sql.instant(visit.receivedAt) },
    );
    if (content.photos.length > 0) {
      const photos: Record<string, unknown> = { visitId: content.id };
      const rows = content.photos.map((sha256, position) => {
        photos[`sha${position}`] = sha256;
        return `(:visitId, ${position}, :sha${position})`;
      });
      await sql.write(`INSERT INTO visit_photo (visit_id, position, sha256) VALUES ${rows.join(', ')}`, photos);
    }
    if (content.payment) {
      await sql.write(
        'INSERT INTO payment (visit_id, receipt_no, amount, collector_id, account_id, paid_at) VALUES (:visitId, :receiptNo, :amount, :collectorId, :accountId, :paidAt)',
        {
          visitId: content.id,
          receiptNo: content.payment.receiptNo,
          amount: content.payment.amount,
          collectorId: record.collectorId,
          accountId: account.accountId,
          paidAt: sql.instant(visit.visitedAt),
        },
      );
    }
    if (content.promise) {
      await sql.write(
        'INSERT INTO promise_to_pay (visit_id, account_id, collector_id, branch_id, promised_date, amount) VALUES (:visitId, :accountId, :collectorId, :branchId, :promisedDate, :amount)',
        {
          visitId: content.id,
          accountId: account.accountId,
          collectorId: record.collectorId,
          branchId: record.branchId,
          promisedDate: content.promise.date,
          amount: content.promise.amount,
        },
      );
    }
    await recordVisitOutbound(manager, visit, content, { ...record.names, accountNo: account.accountNo });
  }

  async markSynced(manager: EntityManager, batchId: string, at: Date): Promise<void> {
    await manager.update(Batch, { id: batchId }, { lastSyncAt: at });
  }
}
