import type { VisitOutcome } from '../collection/field-views.js';
import { defineMessage } from '../message.js';
import type { BatchVisitsRecord, VisitUploadRecord } from './field.records.js';

/** The visits kept by the database service. */
export const VisitStore = {
  /**
   * Checks an upload's visits against the collector's open day and stores the
   * accepted ones, all in one unit of work: one outcome per visit, in order
   * (created, duplicate, conflict or rejected). A 409 `no-open-batch` problem,
   * nothing stored, when the collector has no open batch.
   */
  upload: defineMessage<VisitUploadRecord, VisitOutcome[]>('database', 'visits.record-upload'),
  ofBatch: defineMessage<{ batchId: string }, BatchVisitsRecord>('database', 'visits.list-of-batch'),
} as const;
