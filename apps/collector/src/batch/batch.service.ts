import { Injectable, Logger } from '@nestjs/common';
import { ProblemError } from '#libs/common';
import {
  BatchStore,
  VisitStore,
  type Actor,
  type CloseBatchReply,
  type DeviceResetReply,
  type PhoneBatchSummary,
  type SyncStatusView,
  type VisitSyncView,
} from '#libs/contract';
import { MessageClient } from '#libs/transport';
import { CollectionDayService, requireCollector } from '../day/collection-day.service.js';
import { PhotoPresence } from '../photos/photo-presence.js';
import { agrees, reconcile } from './reconciliation.js';

@Injectable()
export class BatchService {
  private readonly logger = new Logger('Batch');

  constructor(
    private readonly messages: MessageClient,
    private readonly day: CollectionDayService,
    private readonly photos: PhotoPresence,
  ) {}

  async syncStatus(actor: Actor): Promise<SyncStatusView> {
    const batch = await this.day.requireOpenBatch(actor);
    return this.describe(actor.userId, batch.id);
  }

  /**
   * Closes the batch only when the phone and the server hold the same visits
   * and totals; otherwise a 409 names every difference and nothing changes.
   * Photos still missing do not hold the close back: they are reported.
   */
  async close(actor: Actor, phone: PhoneBatchSummary): Promise<CloseBatchReply> {
    const open = await this.day.requireOpenBatch(actor);
    const status = await this.describe(actor.userId, open.id);
    const reconciliation = reconcile(phone, status);
    if (!agrees(reconciliation)) {
      throw ProblemError.conflict('batch-mismatch', describeMismatch(reconciliation), { ...reconciliation, totals: status.totals });
    }
    const batch = await this.messages.send(BatchStore.close, {
      batchId: open.id,
      expectedVisitCount: status.totals.visitCount,
      actorId: actor.userId,
      at: new Date().toISOString(),
    });
    this.logger.log({ msg: 'batch closed', batchId: batch.id, collectorId: actor.userId, visits: status.totals.visitCount });
    return { status: 'closed', batch, totals: status.totals, ...reconciliation };
  }

  /** Ends the open batch as reset and shows what the server holds of it, so nothing the phone wiped is unaccounted for. */
  async reset(actor: Actor): Promise<DeviceResetReply> {
    const { batch, closed } = await this.messages.send(BatchStore.reset, {
      collectorId: requireCollector(actor),
      deviceId: actor.deviceId,
      at: new Date().toISOString(),
    });
    this.logger.log({ msg: 'device reset', collectorId: actor.userId, deviceId: actor.deviceId, batchId: batch?.id ?? null, closedBatch: closed });
    return { closedBatch: closed, held: batch ? await this.describe(actor.userId, batch.id) : null };
  }

  /** What the server holds of the collector's batch; only photos the collector sent count as received. */
  private async describe(collectorId: string, batchId: string): Promise<SyncStatusView> {
    const held = await this.messages.send(VisitStore.ofBatch, { batchId });
    const evidence = await this.photos.describe(collectorId, [...new Set(held.visits.flatMap((visit) => visit.photos))]);
    const present = new Set((evidence ?? []).map((photo) => photo.sha256));
    const visits = held.visits.map((visit): VisitSyncView => ({
      id: visit.id,
      assignmentId: visit.assignmentId,
      resultCode: visit.resultCode,
      visitedAt: visit.visitedAt,
      receivedAt: visit.receivedAt,
      paidAmount: visit.payment?.amount ?? 0,
      promisedAmount: visit.promise?.amount ?? 0,
      photos: {
        expected: visit.photos,
        received: visit.photos.filter((sha256) => present.has(sha256)),
        missing: visit.photos.filter((sha256) => !present.has(sha256)),
      },
    }));
    return {
      batch: held.batch,
      lastSyncAt: held.lastSyncAt,
      totals: {
        visitCount: visits.length,
        paidAmount: sum(visits.map((visit) => visit.paidAmount)),
        promisedAmount: sum(visits.map((visit) => visit.promisedAmount)),
      },
      visitIds: visits.map((visit) => visit.id),
      visits,
      incompleteVisits: visits.filter((visit) => visit.photos.missing.length > 0).map((visit) => visit.id),
      photosChecked: evidence !== null,
    };
  }
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function describeMismatch(reconciliation: ReturnType<typeof reconcile>): string {
  const parts = [
    reconciliation.missingOnServer.length ? `${reconciliation.missingOnServer.length} visit(s) on the phone are not on the server; sync them first` : '',
    reconciliation.unknownToPhone.length ? `${reconciliation.unknownToPhone.length} visit(s) on the server are not on the phone` : '',
    ...reconciliation.differences.map((d) => `${d.field}: phone ${d.phone}, server ${d.server}`),
  ].filter(Boolean);
  return `The batch was not closed: ${parts.join('; ')}`;
}
