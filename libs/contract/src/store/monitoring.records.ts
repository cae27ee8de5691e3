import type { PageRequest } from '../collection/paging.js';
import type { CollectorProgress, VisitDetail, VisitSummary } from '../collection/monitoring.messages.js';

/** The branch a monitoring query is confined to; null means every branch (admins). */
export interface BranchScope {
  branchId: string | null;
}

export interface ProgressQuery extends BranchScope {
  workDate: string;
}

export interface VisitQuery extends BranchScope, PageRequest {
  from: string;
  to: string;
  collectorId?: string;
  resultCode?: string;
  /** Only these visits (one page of them, chosen by the caller). */
  visitIds?: string[];
}

/** Which photos visits expect: the visits of a filter, or those named. */
export interface ExpectedPhotosQuery extends BranchScope {
  from?: string;
  to?: string;
  collectorId?: string;
  resultCode?: string;
  visitIds?: string[];
}

/** The photos a visit expects, from its own collector; lists of them come newest visit first, as the visit list sorts. */
export interface ExpectedPhotos {
  visitId: string;
  collectorId: string;
  sha256s: string[];
}

/** A collector's day as stored; whether its photos arrived is the media service's to say. */
export type StoredProgress = Omit<CollectorProgress, 'visitsMissingPhotos'>;

/** A listed visit as stored, with the hashes of the photos it expects. */
export type StoredVisitSummary = Omit<VisitSummary, 'photosMissing'> & { photoHashes: string[] };

export interface PromiseQuery extends BranchScope, PageRequest {
  from: string;
  to: string;
}

/** A visit as stored: its expected photos without what the media service knows of them. */
export type StoredVisit = Omit<VisitDetail, 'photos' | 'photosChecked'> & { photos: { sha256: string; position: number }[] };
