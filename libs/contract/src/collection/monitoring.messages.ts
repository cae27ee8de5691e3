import { defineMessage } from '../message.js';
import type { VisitPayment, VisitPromise } from './field-views.js';
import type { Page, PageRequest } from './paging.js';
import type { Actor } from './views.js';

export interface CollectorRef {
  id: string;
  username: string;
  fullName: string;
}

export interface Position {
  lat: number;
  lng: number;
  accuracy: number | null;
}

export interface CollectorProgress {
  collector: CollectorRef & { active: boolean };
  branchCode: string;
  /** Accounts on the collector's LKH for the day. */
  assigned: number;
  /** Assignments with at least one visit. */
  visited: number;
  visits: number;
  paidAmount: number;
  promisedAmount: number;
  visitsByResult: Record<string, number>;
  /** Visits of the day still waiting for some of their photos; null when the photo store could not be asked. */
  visitsMissingPhotos: number | null;
  lastSyncAt: string | null;
  lastPosition: (Position & { at: string }) | null;
}

export interface ProgressRequest {
  actor: Actor;
  /** YYYY-MM-DD; today in the working time zone when absent. */
  date?: string;
  branchCode?: string;
}

export interface ProgressReply {
  workDate: string;
  collectors: CollectorProgress[];
}

export interface VisitFilter {
  /** Work dates, YYYY-MM-DD, both inclusive; today when absent. */
  from?: string;
  to?: string;
  collectorId?: string;
  resultCode?: string;
  branchCode?: string;
  /** Only visits still waiting for some of their photos. */
  incompletePhotos?: boolean;
}

export interface VisitsRequest extends VisitFilter, PageRequest {
  actor: Actor;
}

export interface VisitSummary {
  id: string;
  workDate: string;
  visitedAt: string;
  receivedAt: string;
  resultCode: string;
  branchCode: string;
  collector: CollectorRef;
  account: { id: string; contractNo: string; debtorName: string };
  payment: VisitPayment | null;
  promise: VisitPromise | null;
  location: Position | null;
  notes: string | null;
  photosExpected: number;
  /** Expected photos that have not arrived; null when the photo store could not be asked. */
  photosMissing: number | null;
}

/** What the media service knows of one expected photo; null until it has arrived there. */
export interface PhotoEvidence {
  sha256: string;
  type: string;
  size: number;
  takenAt: string | null;
  gps: { lat: number; lng: number } | null;
  receivedAt: string;
}

/** How a received photo's EXIF compares with what the visit claims. */
export interface PhotoAssessment {
  /** Metres between the photo's position and the visit's; null when either has none. */
  distanceM: number | null;
  /** Minutes between the photo's time and the visit's (never negative); null when the photo has none. */
  timeGapMinutes: number | null;
  farFromVisit: boolean;
  longFromVisit: boolean;
}

export interface VisitPhotoView {
  sha256: string;
  position: number;
  received: PhotoEvidence | null;
  /** null until the photo has arrived. */
  assessment: PhotoAssessment | null;
}

export interface VisitDetail extends Omit<VisitSummary, 'photosExpected' | 'photosMissing'> {
  batchId: string;
  assignmentId: string;
  resultLabel: string;
  account: VisitSummary['account'] & {
    address: string;
    phone: string;
    installmentAmount: number;
    amountDue: number;
    overdueDays: number;
    outstanding: number;
  };
  photos: VisitPhotoView[];
  /** False when the photo store could not be asked: `received` is then unknown, not absent. */
  photosChecked: boolean;
}

export interface PromiseDue {
  visitId: string;
  promisedDate: string;
  amount: number;
  madeAt: string;
  branchCode: string;
  collector: CollectorRef;
  account: { id: string; contractNo: string; debtorName: string; address: string; phone: string };
}

export interface PromisesDueRequest extends PageRequest {
  actor: Actor;
  /** Promised dates, YYYY-MM-DD, both inclusive; today when absent. */
  from?: string;
  to?: string;
  branchCode?: string;
}

/** Web monitoring: supervisors see their branch, admins every branch (or one, by code). */
export const MonitoringMessages = {
  progress: defineMessage<ProgressRequest, ProgressReply>('collector', 'monitoring.get-progress'),
  visits: defineMessage<VisitsRequest, Page<VisitSummary>>('collector', 'monitoring.list-visits'),
  visit: defineMessage<{ actor: Actor; visitId: string }, VisitDetail>('collector', 'monitoring.get-visit'),
  promisesDue: defineMessage<PromisesDueRequest, Page<PromiseDue>>('collector', 'monitoring.list-promises-due'),
} as const;
