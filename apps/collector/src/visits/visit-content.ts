import { createHash } from 'node:crypto';
import type { VisitContent, VisitSubmission } from '#libs/contract';

/**
 * The visit in one canonical form, fields in a fixed order: the same visit
 * sent again (even with its time written in another offset, or optional
 * fields left out instead of null) gives the same content and hash.
 */
export function toVisitContent(visit: VisitSubmission): VisitContent {
  return {
    id: visit.id,
    assignmentId: visit.assignmentId,
    resultCode: visit.resultCode,
    visitedAt: new Date(visit.visitedAt).toISOString(),
    location: visit.location ? { lat: visit.location.lat, lng: visit.location.lng, accuracy: visit.location.accuracy } : null,
    notes: visit.notes ?? null,
    payment: visit.payment ? { amount: visit.payment.amount, receiptNo: visit.payment.receiptNo } : null,
    promise: visit.promise ? { date: visit.promise.date, amount: visit.promise.amount } : null,
    photos: visit.photos.map((sha256) => sha256.toLowerCase()),
  };
}

export function contentHashOf(content: VisitContent): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}
