/** Why a visit was refused; each names one broken rule, stable for the phone to act on. */
export const VISIT_ISSUE_CODES = [
  /** The visit's shape: a wrong type, an unknown or missing field. */
  'invalid',
  'unknown-assignment',
  'unknown-result-code',
  'payment-required',
  'payment-not-allowed',
  'amount-not-positive',
  'receipt-out-of-range',
  'receipt-used',
  'promise-required',
  'promise-not-allowed',
  'promise-date-out-of-window',
  'location-required',
  'too-few-photos',
  'visited-in-future',
  'visited-before-work-date',
  'visit-conflict',
] as const;
export type VisitIssueCode = (typeof VISIT_ISSUE_CODES)[number];

/** What became of one visit of a submission. */
export const VISIT_OUTCOME_STATUSES = ['created', 'duplicate', 'conflict', 'rejected'] as const;
export type VisitOutcomeStatus = (typeof VISIT_OUTCOME_STATUSES)[number];
