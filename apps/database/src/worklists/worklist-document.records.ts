import type { EntityManager } from 'typeorm';
import { Batch, WorklistDocument } from '#libs/entities';
import { toBatchView } from '../batches/batch.mapper.js';
import { dayOfferOf } from './collection-day.reads.js';
import { renderWorklist, type RenderedWorklist } from './worklist-document.renderer.js';

/**
 * Renders the LKH of a batch being opened and stores it for the whole batch, in
 * the caller's transaction: later core loads, and anything else changed
 * during the day, do not reach a phone until its next online login. A
 * collector has one document, so a second batch opened at the same moment
 * breaks its primary key and rolls back.
 */
export async function storeWorklistDocument(manager: EntityManager, batch: Batch): Promise<RenderedWorklist> {
  const rendered = renderWorklist(toBatchView(batch), await dayOfferOf(manager, batch.worklistId, batch.collectorId));
  await manager.insert(WorklistDocument, { collectorId: batch.collectorId, batchId: batch.id, ...rendered, renderedAt: new Date() });
  return rendered;
}

/** The batch closes (or is reset) in the caller's transaction: its LKH is not served any more. */
export async function dropWorklistDocument(manager: EntityManager, batch: Pick<Batch, 'id' | 'collectorId'>): Promise<void> {
  await manager.delete(WorklistDocument, { collectorId: batch.collectorId, batchId: batch.id });
}
