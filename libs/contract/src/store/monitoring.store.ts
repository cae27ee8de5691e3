import type { PromiseDue } from '../collection/monitoring.messages.js';
import type { Page } from '../collection/paging.js';
import { defineMessage } from '../message.js';
import type {
  BranchScope,
  ExpectedPhotos,
  ExpectedPhotosQuery,
  ProgressQuery,
  PromiseQuery,
  StoredProgress,
  StoredVisit,
  StoredVisitSummary,
  VisitQuery,
} from './monitoring.records.js';

/** Read-only monitoring queries, always confined to a branch scope. */
export const MonitoringStore = {
  progress: defineMessage<ProgressQuery, StoredProgress[]>('database', 'monitoring.get-progress'),
  visits: defineMessage<VisitQuery, Page<StoredVisitSummary>>('database', 'monitoring.list-visits'),
  expectedPhotos: defineMessage<ExpectedPhotosQuery, ExpectedPhotos[]>('database', 'monitoring.list-expected-photos'),
  /** Null when the visit does not exist or lies outside the scope. */
  visit: defineMessage<BranchScope & { visitId: string }, StoredVisit | null>('database', 'monitoring.find-visit'),
  promisesDue: defineMessage<PromiseQuery, Page<PromiseDue>>('database', 'monitoring.list-promises-due'),
} as const;
