import { Injectable } from '@nestjs/common';
import { ProblemError } from '#libs/common';
import type { CollectionDayRecord, SessionCheckRequest } from '#libs/contract';
import { Batch, Worklist } from '#libs/entities';
import { toBatchView } from '../batches/batch.mapper.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { requireStandingIn } from '../users/session-records.js';
import { dayOfferOf } from './collection-day.reads.js';

@Injectable()
export class WorklistsRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  /** Everything the collection day's rules read, and the session's standing they act on, in one consistent read. */
  openDay(session: SessionCheckRequest): Promise<CollectionDayRecord | null> {
    return this.transactions.read(async (manager) => {
      const standing = await requireStandingIn(manager, session);
      const collectorId = session.userId;
      const batch = await manager.findOneBy(Batch, { collectorId, status: 'open' });
      if (!batch) return null;
      const worklist = batch.worklistId ? await manager.findOneBy(Worklist, { id: batch.worklistId }) : null;
      const branchId = worklist?.branchId ?? standing.branchId;
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
