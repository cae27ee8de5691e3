import { defineMessage } from '../message.js';
import type { CloseBatchRequest, ResetBatchRecord, ResetBatchRequest } from './field.records.js';
import type { BatchView, OpenBatchRequest } from './session.records.js';

/** The collectors' batches (days of work) kept by the database service. */
export const BatchStore = {
  /** The collector's open batch (moved to this device), or a new one on the worklist of the work date. */
  openForLogin: defineMessage<OpenBatchRequest, BatchView>('database', 'batches.open-for-login'),
  findOpen: defineMessage<{ collectorId: string }, BatchView | null>('database', 'batches.find-open'),
  /** Closes an open batch that still holds the expected visits (audited); a 409 problem otherwise, nothing changed. */
  close: defineMessage<CloseBatchRequest, BatchView>('database', 'batches.close'),
  /** Closes the collector's open batch as reset (audited). */
  reset: defineMessage<ResetBatchRequest, ResetBatchRecord>('database', 'batches.reset'),
} as const;
