import type { GeoPoint } from '../media/photo.js';
import type { ReceiptRangeView, ResultRequirements } from './admin.messages.js';
import type { VisitIssueCode, VisitOutcomeStatus } from './visit-issues.js';
import type { SessionCheckRequest } from './auth.messages.js';
import type { BatchView } from './views.js';

/** What the phone sees of the collection day: the LKH, visits, sync state. Money is whole rupiah, times ISO-8601. */

export interface AssignmentView {
  id: string;
  sequence: number;
  contractNo: string;
  debtorName: string;
  address: string;
  phone: string;
  amountDue: number;
  installmentAmount: number;
  overdueDays: number;
  outstanding: number;
  location: GeoPoint | null;
}

/** A result code as the worklist offers it to the phone. */
export interface OfferedResultCode {
  code: string;
  label: string;
  requires: ResultRequirements;
}

export interface WorklistView {
  workDate: string;
  /** Changes whenever anything in the LKH changes; the gateway's strong ETag. */
  syncToken: string;
  batch: BatchView;
  assignments: AssignmentView[];
  resultCodes: OfferedResultCode[];
  /** Receipt numbers the collector may print: `${prefix}-${number padded to 6 digits}`, number within from..to. */
  receiptRange: ReceiptRangeView | null;
}

/**
 * The LKH as the gateway sends it: rendered once when the batch opened, so it
 * travels as the response body's bytes and nobody parses it on the way.
 */
export interface WorklistDownload {
  /** The strong entity tag, quoted: the `WorklistView`'s syncToken. */
  etag: string;
  /**
   * The `WorklistView` as UTF-8 JSON; null when the phone already holds this tag (a `304`). Bytes, so that
   * they cross each hop beside the message's JSON, as a photo does, never escaped into a string of it.
   */
  body: Buffer | null;
}

/**
 * Asks for the caller's LKH. `session` is the token's, unchecked: the database checks it in the read that finds
 * the LKH. `heldEtags` are the tags of `If-None-Match` (weak ones as strong, `*` for any).
 */
export interface WorklistRequest {
  session: SessionCheckRequest;
  heldEtags: string[];
}

/** Money collected at a visit, against the receipt printed for it. */
export interface VisitPayment {
  amount: number;
  receiptNo: string;
}

/** A debtor's promise to pay `amount` by `date` (YYYY-MM-DD). */
export interface VisitPromise {
  date: string;
  amount: number;
}

/** A visit as the phone sends it, with its time normalised to UTC: the content a replay is compared against. */
export interface VisitContent {
  id: string;
  assignmentId: string;
  resultCode: string;
  visitedAt: string;
  location: { lat: number; lng: number; accuracy: number } | null;
  notes: string | null;
  payment: VisitPayment | null;
  promise: VisitPromise | null;
  photos: string[];
}

/** A stored visit: what the phone sent, and where and when the server filed it. */
export interface VisitView extends VisitContent {
  batchId: string;
  receivedAt: string;
}

/** One reason a visit was refused; `field` is relative to the visit (`payment.receiptNo`). */
export interface VisitIssue {
  field: string;
  code: VisitIssueCode;
  message: string;
}

export interface VisitOutcome {
  id: string;
  status: VisitOutcomeStatus;
  errors?: VisitIssue[];
  /** The visit as stored: the new one (`created`) or the original (`duplicate`). */
  visit?: VisitView;
}

export interface PhotoProgress {
  expected: string[];
  received: string[];
  missing: string[];
}

export interface VisitSyncView {
  id: string;
  assignmentId: string;
  resultCode: string;
  visitedAt: string;
  receivedAt: string;
  paidAmount: number;
  promisedAmount: number;
  photos: PhotoProgress;
}

export interface BatchTotals {
  visitCount: number;
  paidAmount: number;
  promisedAmount: number;
}

/** What the server holds for a batch. */
export interface SyncStatusView {
  batch: BatchView;
  lastSyncAt: string | null;
  totals: BatchTotals;
  visitIds: string[];
  visits: VisitSyncView[];
  /** Visits still waiting for some of their photos. */
  incompleteVisits: string[];
  /** False when the photo store could not be asked: every expected photo then reads as missing. */
  photosChecked: boolean;
}

/** The phone's side of close batch. */
export interface PhoneBatchSummary extends BatchTotals {
  visitIds: string[];
}

export interface TotalsDifference {
  field: keyof BatchTotals;
  phone: number;
  server: number;
}

export interface Reconciliation {
  /** Visits the phone holds that never reached the server: sync them, then close again. */
  missingOnServer: string[];
  /** Visits the server holds that the phone did not list. */
  unknownToPhone: string[];
  differences: TotalsDifference[];
}

export interface CloseBatchReply extends Reconciliation {
  status: 'closed';
  batch: BatchView;
  totals: BatchTotals;
}

export interface DeviceResetReply {
  /** The batch the reset closed, or the latest one when none was open. Null when the collector never had one. */
  held: SyncStatusView | null;
  /** True when an open batch was closed by this reset. */
  closedBatch: boolean;
}
