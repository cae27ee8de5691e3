import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { BatchView, OpenBatchRequest } from '#libs/contract';
import { Batch, Worklist } from '#libs/entities';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { toBatchView } from './batch.mapper.js';

@Injectable()
export class BatchesRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  /**
   * A login while a batch is open returns that batch (the phone still holds
   * its visits and must close first); otherwise a new batch starts on the
   * collector's LKH for the work date.
   */
  openForLogin(request: OpenBatchRequest): Promise<BatchView> {
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
      const worklist = await manager.getRepository(Worklist).findOneBy({ collectorId: request.collectorId, workDate: request.workDate });
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
      return toBatchView(await batches.save(batch));
    });
  }
}
