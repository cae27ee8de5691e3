import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BatchVisitsRecord, VisitFiling, VisitIssue, VisitOutcome, VisitRecordRequest } from '#libs/contract';
import { Batch, Payment, PromiseToPay, Visit, VisitPhoto } from '#libs/entities';
import { toBatchView } from '../batches/batch.mapper.js';
import { recordVisitOutbound } from '../core/outbound/outbound-records.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { isUniqueViolation } from '../persistence/unique-violation.js';
import { toVisitView } from './visit.mapper.js';

/** A lost race is answered by re-reading; a third loss in a row means something else is wrong. */
const ATTEMPTS = 3;

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

  /** Each visit in a transaction of its own, in order, so a later one sees an earlier one's id and receipt. */
  async record(visits: VisitRecordRequest[]): Promise<VisitOutcome[]> {
    const outcomes: VisitOutcome[] = [];
    for (const visit of visits) {
      outcomes.push(visit.filing ? await this.recordOne(visit, visit.filing) : await this.answerRefused(visit));
    }
    return outcomes;
  }

  private async answerRefused(record: VisitRecordRequest): Promise<VisitOutcome> {
    const stored = await this.transactions.read((manager) => this.outcomeIfStored(manager, record));
    return stored ?? rejected(record.content.id, record.errors);
  }

  /**
   * The database's unique keys (visit id, receipt number) decide races: when a
   * concurrent transaction stored the same id or receipt first, this one fails
   * on the key, and what the winner stored gives the answer.
   */
  private async recordOne(record: VisitRecordRequest, filing: VisitFiling): Promise<VisitOutcome> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.transactions.run((manager) => this.insert(manager, record, filing));
      } catch (error) {
        if (!isUniqueViolation(error) || attempt === ATTEMPTS) throw error;
        const taken = await this.transactions.read((manager) => this.outcomeIfTaken(manager, record));
        if (taken) return taken;
      }
    }
  }

  private async insert(manager: EntityManager, record: VisitRecordRequest, filing: VisitFiling): Promise<VisitOutcome> {
    const { content } = record;
    const receivedAt = new Date(filing.receivedAt);
    // Updating the batch row first also locks it, so a concurrent close waits for this visit (and counts it) or wins before it.
    const opened = await manager.update(Batch, { id: filing.batchId, status: 'open' }, { lastSyncAt: receivedAt });
    if (!opened.affected) {
      const taken = await this.outcomeIfTaken(manager, record);
      return taken ?? rejected(content.id, [{ field: 'batch', code: 'batch-not-open', message: 'The batch was closed; log in again and resend' }]);
    }
    // A visit id or receipt number already stored fails its unique key here; recordOne then answers from what is stored.
    const visit = manager.create(Visit, {
      id: content.id,
      batchId: filing.batchId,
      assignmentId: content.assignmentId,
      accountId: filing.accountId,
      collectorId: record.collectorId,
      branchId: filing.branchId,
      workDate: filing.workDate,
      resultCode: content.resultCode,
      visitedAt: new Date(content.visitedAt),
      latitude: content.location?.lat ?? null,
      longitude: content.location?.lng ?? null,
      accuracyM: content.location ? Math.round(content.location.accuracy) : null,
      notes: content.notes,
      content: JSON.stringify(content),
      contentHash: record.contentHash,
      receivedAt,
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
        accountId: filing.accountId,
        paidAt: visit.visitedAt,
      });
    }
    if (content.promise) {
      await manager.insert(PromiseToPay, {
        visitId: content.id,
        accountId: filing.accountId,
        collectorId: record.collectorId,
        branchId: filing.branchId,
        promisedDate: content.promise.date,
        amount: content.promise.amount,
      });
    }
    await recordVisitOutbound(manager, visit, content);
    return { id: content.id, status: 'created', visit: { ...content, batchId: filing.batchId, receivedAt: receivedAt.toISOString() } };
  }

  /** The answer when a visit with this id is stored: the original for the same content, a conflict for another. */
  private async outcomeIfStored(manager: EntityManager, record: VisitRecordRequest): Promise<VisitOutcome | null> {
    const existing = await manager.findOneBy(Visit, { id: record.content.id });
    if (!existing) return null;
    if (existing.contentHash === record.contentHash && existing.collectorId === record.collectorId) {
      return { id: existing.id, status: 'duplicate', visit: toVisitView(existing) };
    }
    return { id: existing.id, status: 'conflict', errors: [CONFLICT_ISSUE] };
  }

  /** The answer when the visit's id or receipt number is already stored; null when both are free. */
  private async outcomeIfTaken(manager: EntityManager, record: VisitRecordRequest): Promise<VisitOutcome | null> {
    const { content } = record;
    const stored = await this.outcomeIfStored(manager, record);
    if (stored) return stored;
    if (content.payment && (await manager.existsBy(Payment, { receiptNo: content.payment.receiptNo }))) {
      return rejected(content.id, [
        { field: 'payment.receiptNo', code: 'receipt-used', message: `Receipt ${content.payment.receiptNo} was already used on another visit` },
      ]);
    }
    return null;
  }
}

const CONFLICT_ISSUE: VisitIssue = {
  field: 'id',
  code: 'visit-conflict',
  message: 'Another visit with this id and different content is already stored; nothing was changed',
};

function rejected(id: string, errors: VisitIssue[]): VisitOutcome {
  return { id, status: 'rejected', errors };
}
