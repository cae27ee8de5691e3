import { addDays, workDateOf } from '#libs/common';
import type { ReceiptRangeRecord, ResultCodeRecord, VisitContent, VisitIssue, VisitIssueCode } from '#libs/contract';
import { formatReceiptNo, isInRange } from './receipt-number.js';

/** What the rules read of the collector's open day: only the assignments an upload names are loaded. */
export interface VisitRuleDay {
  workDate: string;
  /** Those of the upload's assignments that are on the open batch's LKH. */
  assignmentIds: ReadonlySet<string>;
  resultCodes: readonly ResultCodeRecord[];
  receiptRanges: readonly ReceiptRangeRecord[];
}

export interface VisitRuleSettings {
  now: Date;
  timeZone: string;
  promiseWindowDays: number;
  clockSkewSeconds: number;
}

/**
 * The business rules a visit must pass before it is stored, checked against
 * the collector's open day. Returns every broken rule, each naming its field;
 * empty when the visit may be stored. Whether its id or receipt is already
 * taken is decided by the database, where the unique keys live.
 */
export function checkVisit(visit: VisitContent, day: VisitRuleDay, settings: VisitRuleSettings): VisitIssue[] {
  return [...checkAssignment(visit, day), ...checkTime(visit, day, settings), ...checkResult(visit, day, settings)];
}

function checkAssignment(visit: VisitContent, day: VisitRuleDay): VisitIssue[] {
  if (day.assignmentIds.has(visit.assignmentId)) return [];
  return [issue('assignmentId', 'unknown-assignment', 'This assignment is not on your LKH for the open batch')];
}

function checkTime(visit: VisitContent, day: VisitRuleDay, settings: VisitRuleSettings): VisitIssue[] {
  const visitedAt = new Date(visit.visitedAt);
  const latest = settings.now.getTime() + settings.clockSkewSeconds * 1000;
  if (visitedAt.getTime() > latest) {
    return [
      issue('visitedAt', 'visited-in-future', `visitedAt is later than the server's clock allows (${new Date(latest).toISOString()}); check the phone's clock`),
    ];
  }
  if (workDateOf(visitedAt, settings.timeZone) < day.workDate) {
    return [issue('visitedAt', 'visited-before-work-date', `visitedAt falls before the batch's work date ${day.workDate}`)];
  }
  return [];
}

function checkResult(visit: VisitContent, day: VisitRuleDay, settings: VisitRuleSettings): VisitIssue[] {
  const code = day.resultCodes.find((candidate) => candidate.code === visit.resultCode && candidate.active);
  if (!code) return [issue('resultCode', 'unknown-result-code', `${visit.resultCode} is not an active result code`)];
  const { requires } = code;
  const issues: VisitIssue[] = [];
  if (requires.payment) issues.push(...checkPayment(visit, day));
  else if (visit.payment) issues.push(issue('payment', 'payment-not-allowed', `A ${code.code} visit carries no payment`));
  if (requires.promise) issues.push(...checkPromise(visit, settings));
  else if (visit.promise) issues.push(issue('promise', 'promise-not-allowed', `A ${code.code} visit carries no promise to pay`));
  if (requires.gps && !visit.location) issues.push(issue('location', 'location-required', `A ${code.code} visit needs a GPS position`));
  if (visit.photos.length < requires.minPhotos) {
    issues.push(issue('photos', 'too-few-photos', `A ${code.code} visit needs at least ${requires.minPhotos} photo(s); ${visit.photos.length} listed`));
  }
  return issues;
}

function checkPayment(visit: VisitContent, day: VisitRuleDay): VisitIssue[] {
  const { payment } = visit;
  if (!payment) return [issue('payment', 'payment-required', `A ${visit.resultCode} visit needs a payment with amount and receipt number`)];
  const issues: VisitIssue[] = [];
  if (payment.amount <= 0) issues.push(issue('payment.amount', 'amount-not-positive', 'The payment amount must be more than zero rupiah'));
  if (!isInRange(payment.receiptNo, day.receiptRanges)) {
    const allowed = day.receiptRanges.map((range) => `${formatReceiptNo(range.prefix, range.from)}..${formatReceiptNo(range.prefix, range.to)}`);
    issues.push(
      issue(
        'payment.receiptNo',
        'receipt-out-of-range',
        allowed.length ? `${payment.receiptNo} is not one of your receipt numbers (${allowed.join(', ')})` : 'You have no receipt range',
      ),
    );
  }
  return issues;
}

function checkPromise(visit: VisitContent, settings: VisitRuleSettings): VisitIssue[] {
  const { promise } = visit;
  if (!promise) return [issue('promise', 'promise-required', `A ${visit.resultCode} visit needs a promise with date and amount`)];
  const issues: VisitIssue[] = [];
  const first = workDateOf(new Date(visit.visitedAt), settings.timeZone);
  const last = addDays(first, settings.promiseWindowDays);
  if (promise.date < first || promise.date > last) {
    issues.push(issue('promise.date', 'promise-date-out-of-window', `The promised date must be from ${first} to ${last}`));
  }
  if (promise.amount <= 0) issues.push(issue('promise.amount', 'amount-not-positive', 'The promised amount must be more than zero rupiah'));
  return issues;
}

function issue(field: string, code: VisitIssueCode, message: string): VisitIssue {
  return { field, code, message };
}
