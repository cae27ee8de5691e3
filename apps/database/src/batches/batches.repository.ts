import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { ProblemError } from '#libs/common';
import type { BatchView, CloseBatchRequest, OpenBatchRequest, ResetBatchRecord, ResetBatchRequest } from '#libs/contract';
import type { EntityManager } from 'typeorm';
import { Batch, Visit, Worklist } from '#libs/entities';
import { recordAudit } from '../audit/audit-trail.js';
import { recordCollectorDayOutbound } from '../core/outbound/outbound-records.js';
import { SqlDialect } from '../persistence/sql.dialect.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { isUniqueViolation } from '../persistence/unique-violation.js';
import { dropWorklistDocument, storeWorklistDocument } from '../worklists/worklist-document.records.js';
import { toBatchView } from './batch.mapper.js';

@Injectable()
export class BatchesRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  /**
   * A login while a batch is open returns that batch (the phone still holds
   * its visits and must close first); otherwise a new batch starts on the
   * collector's LKH for the work date, rendered and stored with it.
   */
  async openForLogin(request: OpenBatchRequest): Promise<BatchView> {
    try {
      return await this.openOrResume(request);
    } catch (error) {
      // Two logins at once on a pooled engine both start a batch; the later one's LKH breaks the one-per-collector key, and again it resumes the other's batch.
      if (!isUniqueViolation(error)) throw error;
      return this.openOrResume(request);
    }
  }

  private openOrResume(request: OpenBatchRequest): Promise<BatchView> {
    return this.transactions.run(async (manager) => {
      const batches = manager.getRepository(Batch);
      const open = await batches.findOneBy({ collectorId: request.collectorId, status: 'open' });
      if (open) {
        if (open.deviceId !== request.deviceId) {
          open.deviceId = request.deviceId;
          await batches.save(open);
        }
        return toBatchView(open);
      }
      const worklist = await manager
        .getRepository(Worklist)
        .findOneBy({ collectorId: request.collectorId, workDate: request.workDate, supersededAt: IsNull() });
      const batch = batches.create({
        id: randomUUID(),
        collectorId: request.collectorId,
        deviceId: request.deviceId,
        worklistId: worklist?.id ?? null,
        workDate: request.workDate,
        status: 'open',
        openedAt: new Date(request.at),
        closedAt: null,
        closedBy: null,
        lastSyncAt: null,
      });
      await batches.save(batch);
      await storeWorklistDocument(manager, batch);
      return toBatchView(batch);
    });
  }

  findOpen(collectorId: string): Promise<BatchView | null> {
    return this.transactions.read(async (manager) => {
      const batch = await manager.findOneBy(Batch, { collectorId, status: 'open' });
      return batch ? toBatchView(batch) : null;
    });
  }

  /**
   * Closing locks the batch row exclusively before counting its visits: the
   * uploads being stored at the same moment hold that row shared, so each is
   * either counted or refused, never filed silently into a closed batch.
   */
  close(request: CloseBatchRequest): Promise<BatchView> {
    return this.transactions.run(async (manager) => {
      const at = new Date(request.at);
      if (!(await lockOpenBatch(manager, 'b.id = :key', request.batchId))) {
        throw ProblemError.conflict('no-open-batch', 'The batch is not open any more; log in again');
      }
      const closed = await manager.update(Batch, { id: request.batchId, status: 'open' }, { status: 'closed', closedAt: at, closedBy: 'close' });
      if (!closed.affected) throw ProblemError.conflict('no-open-batch', 'The batch is not open any more; log in again');
      const held = await manager.countBy(Visit, { batchId: request.batchId });
      if (held !== request.expectedVisitCount) {
        throw ProblemError.conflict('batch-changed', 'Visits arrived while the batch was being closed; check the sync status and close again');
      }
      await recordAudit(manager, {
        at,
        actorId: request.actorId,
        action: 'batch.close',
        subjectType: 'batch',
        subjectId: request.batchId,
        details: { visitCount: held },
      });
      await recordCollectorDayOutbound(manager, request.batchId);
      const batch = await manager.findOneByOrFail(Batch, { id: request.batchId });
      await dropWorklistDocument(manager, batch);
      return toBatchView(batch);
    });
  }

  /** The phone wiped its data: its open batch ends here, and the next login opens a new one on the current LKH. */
  reset(request: ResetBatchRequest): Promise<ResetBatchRecord> {
    return this.transactions.run(async (manager) => {
      const at = new Date(request.at);
      const openId = await lockOpenBatch(manager, 'b.collector_id = :key', request.collectorId);
      const open = openId ? await manager.findOneBy(Batch, { id: openId }) : null;
      if (open) {
        Object.assign(open, { status: 'closed', closedAt: at, closedBy: 'reset' });
        await manager.save(open);
        await recordCollectorDayOutbound(manager, open.id);
        await dropWorklistDocument(manager, open);
      }
      const batch = open ?? (await manager.findOne(Batch, { where: { collectorId: request.collectorId }, order: { openedAt: 'DESC' } }));
      await recordAudit(manager, {
        at,
        actorId: request.collectorId,
        action: 'device.reset',
        subjectType: 'device',
        subjectId: request.deviceId ?? request.collectorId,
        details: { batchId: batch?.id ?? null, closedBatch: Boolean(open) },
      });
      return { batch: batch ? toBatchView(batch) : null, closed: Boolean(open) };
    });
  }
}

/**
 * The open batch's id, its row locked exclusively (as a close or reset
 * needs): waits for the uploads that hold it shared, keeps out new ones,
 * and reads the row as they left it.
 */
async function lockOpenBatch(manager: EntityManager, where: 'b.id = :key' | 'b.collector_id = :key', key: string): Promise<string | null> {
  const sql = new SqlDialect(manager);
  const lock = sql.rowLock('b', 'exclusive');
  const [row] = await sql.read<{ id: string }>(`SELECT b.id AS id FROM batch b${lock.hint} WHERE ${where} AND b.status = 'open'${lock.clause}`, { key });
  return row?.id ?? null;
}
