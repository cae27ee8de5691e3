import { defineMessage } from '../message.js';
import type {
  CloseBatchReply,
  DeviceResetReply,
  PhoneBatchSummary,
  SyncStatusView,
  VisitOutcome,
  VisitPayment,
  VisitPromise,
  WorklistView,
} from './field-views.js';
import type { SessionCheckRequest } from './auth.messages.js';
import type { Actor } from './views.js';

/** A visit as the phone sent it, after the gateway checked its shape. */
export interface VisitSubmission {
  id: string;
  assignmentId: string;
  resultCode: string;
  /** ISO-8601 with offset. */
  visitedAt: string;
  location?: { lat: number; lng: number; accuracy: number } | null;
  notes?: string | null;
  payment?: VisitPayment | null;
  promise?: VisitPromise | null;
  photos: string[];
}

export interface SubmitVisitsRequest {
  /** The token's session, which the database checks in the unit of work that stores the visits. */
  session: SessionCheckRequest;
  visits: VisitSubmission[];
}

/**
 * The collection day of a collector's phone: LKH, visit sync, close batch, reset. Each acts on the caller's open batch.
 * The two hot paths (LKH, visits) carry the token's session unchecked: the database checks it in the call's own unit of work.
 */
export const FieldMessages = {
  /** A 409 `no-open-batch` problem when the caller has no open batch. */
  worklist: defineMessage<{ session: SessionCheckRequest }, WorklistView>('collector', 'field.get-worklist'),
  /** One outcome per visit, in order. A 409 `no-open-batch` problem (nothing stored) when no batch is open. */
  submitVisits: defineMessage<SubmitVisitsRequest, VisitOutcome[]>('collector', 'field.submit-visits'),
  syncStatus: defineMessage<{ actor: Actor }, SyncStatusView>('collector', 'field.get-sync-status'),
  /** Closes the batch when the phone's summary agrees with the server; a 409 `batch-mismatch` problem naming the differences otherwise. */
  closeBatch: defineMessage<{ actor: Actor; phone: PhoneBatchSummary }, CloseBatchReply>('collector', 'field.close-batch'),
  resetDevice: defineMessage<{ actor: Actor }, DeviceResetReply>('collector', 'field.reset-device'),
} as const;
