import type { VisitOutcome } from '../collection/field-views.js';
import { defineMessage } from '../message.js';
import type { BatchVisitsRecord, VisitRecordRequest } from './field.records.js';

/** The visits kept by the database service. */
export const VisitStore = {
  /** Each visit in its own transaction, in order: created, or duplicate/conflict/rejected when its id or receipt is taken. */
  record: defineMessage<{ visits: VisitRecordRequest[] }, VisitOutcome[]>('database', 'visits.record'),
  ofBatch: defineMessage<{ batchId: string }, BatchVisitsRecord>('database', 'visits.list-of-batch'),
} as const;
