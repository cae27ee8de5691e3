import type { ReceiptRangeView } from '../collection/admin.messages.js';
import type { AssignmentView, OfferedResultCode, VisitContent, VisitIssue, VisitView } from '../collection/field-views.js';
import type { BatchView } from '../collection/views.js';

export interface AssignmentRecord extends AssignmentView {
  accountId: string;
}

export interface ResultCodeRecord extends OfferedResultCode {
  active: boolean;
}

/** A range the collector was allotted; a replaced one is inactive, but its printed receipts stay valid. */
export interface ReceiptRangeRecord extends ReceiptRangeView {
  active: boolean;
}

/** A collector's open batch with everything the day's rules need. */
export interface CollectionDayRecord {
  batch: BatchView;
  collectorId: string;
  branchId: string;
  /** Empty when no LKH exists for the batch's work date. */
  assignments: AssignmentRecord[];
  resultCodes: ResultCodeRecord[];
  /** Every range the collector was allotted, the active one first. */
  receiptRanges: ReceiptRangeRecord[];
}

/** Where an accepted visit is filed. */
export interface VisitFiling {
  batchId: string;
  branchId: string;
  accountId: string;
  workDate: string;
  receivedAt: string;
}

/**
 * A visit to record. One the business rules refused carries its `errors` and
 * no filing: it is stored never, but a visit already stored under its id still
 * answers duplicate or conflict, since a replay must not turn into a refusal.
 */
export interface VisitRecordRequest {
  collectorId: string;
  content: VisitContent;
  /** SHA-256 of the canonical JSON of `content`. */
  contentHash: string;
  filing: VisitFiling | null;
  errors: VisitIssue[];
}

export interface BatchVisitsRecord {
  batch: BatchView;
  lastSyncAt: string | null;
  visits: VisitView[];
}

export interface CloseBatchRequest {
  batchId: string;
  /** The number of visits the reconciliation saw; the batch closes only if it still holds exactly these. */
  expectedVisitCount: number;
  actorId: string;
  at: string;
}

export interface ResetBatchRequest {
  collectorId: string;
  /** The phone that was wiped. */
  deviceId: string | null;
  at: string;
}

export interface ResetBatchRecord {
  /** The batch the reset closed, or the collector's latest when none was open. */
  batch: BatchView | null;
  closed: boolean;
}
