import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { BatchVisitsRecord, ReceiptRangeRecord, ResultCodeRecord, VisitContent } from '#libs/contract';
import { Batch, Payment, PromiseToPay, Visit, VisitPhoto } from '#libs/entities';
import { toBatchView } from '../batches/batch.mapper.js';
import { recordVisitOutbound } from '../core/outbound/outbound-records.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { toVisitView } from './visit.mapper.js';

/** The collector's open batch, with where its visits are filed. */
export interface OpenBatchRecord {
  id: string;
  worklistId: string | null;
  workDate: string;
  /** The worklist's branch, or the collector's when the batch has no LKH; null when neither is set. */
  branchId: string | null;
}

/** A visit that passed the rules, with where it is filed. */
export interface VisitToStore {
  content: VisitContent;
  contentHash: string;
  collectorId: string;
  batchId: string;
  branchId: string;
  accountId: string;
  workDate: string;
  receivedAt: Date;
}

interface OpenBatchRow {
  id: string;
  worklist_id: string | null;
  work_date: string;
  branch_id: string | null;
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
    const [row] = await rowsOf<OpenBatchRow>(
      manager,
      'SELECT b.id AS id, b.worklist_id AS worklist_id, b.work_date AS work_date, COALESCE(w.branch_id, u.branch_id) AS branch_id ' +
        'FROM batch b INNER JOIN app_user u ON u.id = b.collector_id LEFT JOIN worklist w ON w.id = b.worklist_id ' +
        "WHERE b.collector_id = :collectorId AND b.status = 'open'",
      { collectorId },
    );
    return row ? { id: row.id, worklistId: row.worklist_id, workDate: row.work_date, branchId: row.branch_id } : null;
  }

  /** The account of each named assignment that is on the worklist; the others are left out. */
  async accountsOfAssignments(manager: EntityManager, worklistId: string, assignmentIds: string[]): Promise<Map<string, string>> {
    const rows = await rowsOf<{ id: string; account_id: string }>(
      manager,
      'SELECT id, account_id FROM assignment WHERE worklist_id = :worklistId AND id IN (:...assignmentIds)',
      { worklistId, assignmentIds },
    );
    return new Map(rows.map((row) => [row.id, row.account_id]));
  }

  async resultCodes(manager: EntityManager, codes: string[]): Promise<ResultCodeRecord[]> {
    const rows = await rowsOf<ResultCodeRow>(
      manager,
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
    const rows = await rowsOf<ReceiptRangeRow>(manager, 'SELECT prefix, from_no, to_no, active FROM receipt_range WHERE collector_id = :collectorId', {
      collectorId,
    });
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
    const rows = await rowsOf(manager, 'SELECT 1 AS used FROM payment WHERE receipt_no = :receiptNo', { receiptNo });
    return rows.length > 0;
  }

  /**
   * Stores the visit with its photos, payment, promise and outbound rows. A
   * visit id or receipt number already stored fails its unique key here.
   */
  async insert(manager: EntityManager, record: VisitToStore): Promise<void> {
    const { content } = record;
    const visit = manager.create(Visit, {
      id: content.id,
      batchId: record.batchId,
      assignmentId: content.assignmentId,
      accountId: record.accountId,
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
    });
    await manager.insert(Visit, visit);
    if (content.photos.length > 0) {
      await manager.insert(
        VisitPhoto,
        content.photos.map((sha256, position) => ({ visitId: content.id, sha256, position })),
      );
    }
    if (content.payment) {
      await manager.insert(Payment, {
        visitId: content.id,
        receiptNo: content.payment.receiptNo,
        amount: content.payment.amount,
        collectorId: record.collectorId,
        accountId: record.accountId,
        paidAt: visit.visitedAt,
      });
    }
    if (content.promise) {
      await manager.insert(PromiseToPay, {
        visitId: content.id,
        accountId: record.accountId,
        collectorId: record.collectorId,
        branchId: record.branchId,
        promisedDate: content.promise.date,
        amount: content.promise.amount,
      });
    }
    await recordVisitOutbound(manager, visit, content);
  }

  async markSynced(manager: EntityManager, batchId: string, at: Date): Promise<void> {
    await manager.update(Batch, { id: batchId }, { lastSyncAt: at });
  }
}

async function rowsOf<T>(manager: EntityManager, sql: string, parameters: Record<string, unknown>): Promise<T[]> {
  const [query, bound] = manager.connection.driver.escapeQueryWithParameters(sql, parameters);
  const result: unknown = await manager.query(query, bound);
  return Array.isArray(result) ? (result as T[]) : [];
}
