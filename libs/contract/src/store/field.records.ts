import type { ReceiptRangeView } from '../collection/admin.messages.js';
import type { AssignmentView, OfferedResultCode, VisitContent, VisitView } from '../collection/field-views.js';
import type { SessionCheckRequest } from '../collection/auth.messages.js';
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

/** The limits the visit rules take from the configuration and the clock, as the collector read them for one upload. */
export interface VisitRuleSettingsRecord {
  /** ISO-8601 instant the upload was received: the clock the rules check against and every created visit's `receivedAt`. */
  now: string;
  timeZone: string;
  promiseWindowDays: number;
  clockSkewSeconds: number;
}

/** A well-formed visit in its canonical form, ready for the rules and the unique keys. */
export interface CanonicalVisitRecord {
  content: VisitContent;
  /** SHA-256 of the canonical JSON of `content`. */
  contentHash: string;
}

/**
 * One upload of a collector's visits. The database checks the session's
 * standing, then the visits against the open day, and stores the accepted
 * ones, all in one unit of work.
 */
export interface VisitUploadRecord {
  session: SessionCheckRequest;
  settings: VisitRuleSettingsRecord;
  visits: CanonicalVisitRecord[];
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
