import { describe, expect, it } from '@jest/globals';
import type { VisitContent } from '#libs/contract';
import { visitContent } from '../../../../test/support/collection-days.js';
import { checkVisit, type VisitRuleDay, type VisitRuleSettings } from './visit-rules.js';

/** The day as the unit of work loads it: only the assignments the upload names that are on the LKH. */
const day: VisitRuleDay = {
  workDate: '2026-11-28',
  assignmentIds: new Set(['assignment-1']),
  resultCodes: [
    { code: 'PAID', label: 'Paid', requires: { payment: true, promise: false, gps: true, minPhotos: 1 }, active: true },
    { code: 'PTP', label: 'Promise', requires: { payment: false, promise: true, gps: true, minPhotos: 1 }, active: true },
    { code: 'REFUSED', label: 'Refused', requires: { payment: false, promise: false, gps: false, minPhotos: 0 }, active: true },
    { code: 'OLD', label: 'Retired', requires: { payment: false, promise: false, gps: false, minPhotos: 0 }, active: false },
  ],
  receiptRanges: [
    { prefix: 'KWJ1', from: 1, to: 500, active: true },
    { prefix: 'KWJ0', from: 1, to: 100, active: false },
  ],
};

/** 10:00 in Jakarta on the work date. */
const settings: VisitRuleSettings = { now: new Date('2026-11-28T03:00:00Z'), timeZone: 'Asia/Jakarta', promiseWindowDays: 7, clockSkewSeconds: 300 };

const codesOf = (content: VisitContent, at = settings) => checkVisit(content, day, at).map((issue) => `${issue.field}:${issue.code}`);

describe('checkVisit', () => {
  it('accepts a visit that meets its result code', () => {
    expect(codesOf(visitContent({}))).toEqual([]);
    expect(codesOf(visitContent({ resultCode: 'PAID', payment: { amount: 1, receiptNo: 'KWJ1-000500' }, photos: ['a'.repeat(64)] }))).toEqual([]);
    expect(codesOf(visitContent({ resultCode: 'PTP', promise: { date: '2026-12-05', amount: 10 }, photos: ['b'.repeat(64)] }))).toEqual([]);
  });

  it('refuses an assignment that is not on the open LKH', () => {
    expect(codesOf(visitContent({ assignmentId: 'assignment-of-someone-else' }))).toEqual(['assignmentId:unknown-assignment']);
  });

  it('refuses unknown and retired result codes', () => {
    expect(codesOf(visitContent({ resultCode: 'NOPE' }))).toEqual(['resultCode:unknown-result-code']);
    expect(codesOf(visitContent({ resultCode: 'OLD' }))).toEqual(['resultCode:unknown-result-code']);
  });

  it('checks the payment: present, positive, inside the range in PREFIX-NNNNNN form', () => {
    const paid = (payment: VisitContent['payment']) => codesOf(visitContent({ resultCode: 'PAID', payment, photos: ['a'.repeat(64)] }));
    expect(paid(null)).toEqual(['payment:payment-required']);
    expect(paid({ amount: 0, receiptNo: 'KWJ1-000001' })).toEqual(['payment.amount:amount-not-positive']);
    expect(paid({ amount: 5, receiptNo: 'KWJ1-000000' })).toEqual(['payment.receiptNo:receipt-out-of-range']);
    expect(paid({ amount: 5, receiptNo: 'KWJ1-000501' })).toEqual(['payment.receiptNo:receipt-out-of-range']);
    expect(paid({ amount: 5, receiptNo: 'KWJ1-00001' })).toEqual(['payment.receiptNo:receipt-out-of-range']);
    expect(paid({ amount: 5, receiptNo: 'KWJ2-000001' })).toEqual(['payment.receiptNo:receipt-out-of-range']);
    expect(paid({ amount: 5, receiptNo: 'KWJ1000001' })).toEqual(['payment.receiptNo:receipt-out-of-range']);
    expect(paid({ amount: 5, receiptNo: 'KWJ0-000100' })).toEqual([]);
    expect(paid({ amount: 5, receiptNo: 'KWJ0-000101' })).toEqual(['payment.receiptNo:receipt-out-of-range']);
  });

  it('refuses a payment or promise on a code that takes none', () => {
    expect(codesOf(visitContent({ payment: { amount: 5, receiptNo: 'KWJ1-000001' } }))).toEqual(['payment:payment-not-allowed']);
    expect(codesOf(visitContent({ promise: { date: '2026-11-29', amount: 5 } }))).toEqual(['promise:promise-not-allowed']);
  });

  it('keeps the promise date from the visit day to the window end', () => {
    const ptp = (date: string, amount = 10) => codesOf(visitContent({ resultCode: 'PTP', promise: { date, amount }, photos: ['b'.repeat(64)] }));
    expect(ptp('2026-11-28')).toEqual([]);
    expect(ptp('2026-12-05')).toEqual([]);
    expect(ptp('2026-12-06')).toEqual(['promise.date:promise-date-out-of-window']);
    expect(ptp('2026-11-27')).toEqual(['promise.date:promise-date-out-of-window']);
    expect(ptp('2026-11-30', 0)).toEqual(['promise.amount:amount-not-positive']);
    expect(codesOf(visitContent({ resultCode: 'PTP', photos: ['b'.repeat(64)] }))).toEqual(['promise:promise-required']);
  });

  it('counts the promise window from the visit day in the work time zone', () => {
    // 23:30 WIB on the 28th is 16:30 UTC: the window still starts on the 28th.
    const late = visitContent({
      resultCode: 'PTP',
      visitedAt: '2026-11-28T16:30:00.000Z',
      promise: { date: '2026-12-05', amount: 10 },
      photos: ['b'.repeat(64)],
    });
    expect(codesOf(late, { ...settings, now: new Date('2026-11-28T17:00:00Z') })).toEqual([]);
  });

  it('needs GPS and enough photos when the code says so', () => {
    expect(codesOf(visitContent({ resultCode: 'PAID', payment: { amount: 1, receiptNo: 'KWJ1-000001' }, location: null }))).toEqual([
      'location:location-required',
      'photos:too-few-photos',
    ]);
  });

  it('allows the clock skew into the future and no more, and nothing before the work date', () => {
    expect(codesOf(visitContent({ visitedAt: '2026-11-28T03:05:00.000Z' }))).toEqual([]);
    expect(codesOf(visitContent({ visitedAt: '2026-11-28T03:05:01.000Z' }))).toEqual(['visitedAt:visited-in-future']);
    // 06:59 WIB on the 28th is 23:59 UTC on the 27th: still the work date.
    expect(codesOf(visitContent({ visitedAt: '2026-11-27T17:00:00.000Z' }))).toEqual([]);
    expect(codesOf(visitContent({ visitedAt: '2026-11-27T16:59:59.000Z' }))).toEqual(['visitedAt:visited-before-work-date']);
  });

  it('reports every broken rule at once', () => {
    const issues = checkVisit(visitContent({ assignmentId: 'x', resultCode: 'PAID', location: null }), day, settings);
    expect(issues.map((issue) => issue.code)).toEqual(['unknown-assignment', 'payment-required', 'location-required', 'too-few-photos']);
    expect(issues.every((issue) => issue.message.length > 10)).toBe(true);
  });
});
