import type { CollectorProgress, PromiseDue, VisitSummary } from '../collection/monitoring.messages.js';
import type { Page } from '../collection/paging.js';
import { defineMessage } from '../message.js';
import type { BranchScope, ProgressQuery, PromiseQuery, StoredVisit, VisitQuery } from './monitoring-records.js';

/** Read-only monitoring queries, always confined to a branch scope. */
export const MonitoringStore = {
  progress: defineMessage<ProgressQuery, CollectorProgress[]>('database', 'monitoring.progress'),
  visits: defineMessage<VisitQuery, Page<VisitSummary>>('database', 'monitoring.visits'),
  /** Null when the visit does not exist or lies outside the scope. */
  visit: defineMessage<BranchScope & { visitId: string }, StoredVisit | null>('database', 'monitoring.visit'),
  promisesDue: defineMessage<PromiseQuery, Page<PromiseDue>>('database', 'monitoring.promisesDue'),
} as const;
