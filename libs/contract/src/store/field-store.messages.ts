import { defineMessage } from '../message.js';
import type { VisitOutcome } from '../collection/field-views.js';
import type {
  BatchVisitsRecord,
  CollectionDayRecord,
  VisitRecordRequest,
} from './field-store-records.js';

/** Messages to the database service for the collection day. */
export const WorklistStore = {
  /** The collector's open batch with its LKH, result codes and receipt ranges; null when no batch is open. */
  openDay: defineMessage<{ collectorId: string }, CollectionDayRecord | null>('database', 'worklists.openDay'),
} as const;

export const VisitStore = {
  /** Each visit in its own transaction, in order: created, or duplicate/conflict/rejected when its id or receipt is taken. */
  record: defineMessage<{ visits: VisitRecordRequest[] }, VisitOutcome[]>('database', 'visits.record'),
  ofBatch: defineMessage<{ batchId: string }, BatchVisitsRecord>('database', 'visits.ofBatch'),
} as const;
