import { describe, expect, it } from '@jest/globals';
import type { VisitSubmission } from '#libs/contract';
import { contentHashOf, toVisitContent } from './visit-content.js';

const submission: VisitSubmission = {
  id: '6f1c2a4e-8d3b-4f7a-9c1e-2b5d7e9f0a13',
  assignmentId: '30351e1f-6c72-4cf3-9499-a03113e91403',
  resultCode: 'PAID',
  visitedAt: '2026-11-28T10:15:00+07:00',
  location: { lat: -6.2, lng: 106.8, accuracy: 8 },
  payment: { amount: 1_000_000, receiptNo: 'KWJ1-000001' },
  photos: ['AB'.repeat(32)],
};

describe('visit content', () => {
  it('normalises the time to UTC, fills absent fields with null and lower-cases photo hashes', () => {
    expect(toVisitContent(submission)).toEqual({
      ...submission,
      visitedAt: '2026-11-28T03:15:00.000Z',
      notes: null,
      promise: null,
      photos: ['ab'.repeat(32)],
    });
  });

  it('hashes the same visit written differently to the same value', () => {
    const reordered: VisitSubmission = {
      photos: ['ab'.repeat(32)],
      payment: { receiptNo: 'KWJ1-000001', amount: 1_000_000 },
      resultCode: 'PAID',
      visitedAt: '2026-11-28T03:15:00Z',
      location: { accuracy: 8, lng: 106.8, lat: -6.2 },
      assignmentId: submission.assignmentId,
      id: submission.id,
      notes: null,
      promise: null,
    };
    expect(contentHashOf(toVisitContent(reordered))).toBe(contentHashOf(toVisitContent(submission)));
  });

  it('hashes any change of content to another value', () => {
    const base = contentHashOf(toVisitContent(submission));
    expect(contentHashOf(toVisitContent({ ...submission, payment: { amount: 1_000_001, receiptNo: 'KWJ1-000001' } }))).not.toBe(base);
    expect(contentHashOf(toVisitContent({ ...submission, notes: 'x' }))).not.toBe(base);
    expect(contentHashOf(toVisitContent({ ...submission, visitedAt: '2026-11-28T10:15:01+07:00' }))).not.toBe(base);
  });
});
