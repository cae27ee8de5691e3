import { Injectable } from '@nestjs/common';
import { ProblemError } from '#libs/common';
import type { CollectionDayRecord } from '#libs/contract';
import { Batch, User, Worklist } from '#libs/entities';
import { toBatchView } from '../batches/batch.mapper.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { dayOfferOf } from './collection-day.reads.js';

@Injectable()
export class WorklistsRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  /** Everything the collection day's rules read, in one consistent read. */
  openDay(collectorId: string): Promise<CollectionDayRecord | null> {
    return this.transactions.read(async (manager) => {
      const batch = await manager.findOneBy(Batch, { collectorId, status: 'open' });
      if (!batch) return null;
      const worklist = batch.worklistId ? await manager.findOneBy(Worklist, { id: batch.worklistId }) : null;
      const branchId = worklist?.branchId ?? (await manager.findOneByOrFail(User, { id: collectorId })).branchId;
      if (!branchId) throw ProblemError.conflict('collector-without-branch', 'This collector belongs to no branch; an admin must assign one');
      return {
        batch: toBatchView(batch),
        collectorId,
        branchId,
        ...(await dayOfferOf(manager, worklist?.id ?? null, collectorId)),
      };
    });
  }
}
