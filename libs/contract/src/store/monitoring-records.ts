import type { PageRequest } from '../collection/paging.js';
import type { VisitDetail } from '../collection/monitoring.messages.js';

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
}

export interface PromiseQuery extends BranchScope, PageRequest {
  from: string;
  to: string;
}

/** A visit as stored: its expected photos without what the media service knows of them. */
export type StoredVisit = Omit<VisitDetail, 'photos' | 'photosChecked'> & { photos: { sha256: string; position: number }[] };
