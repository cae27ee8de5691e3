import { createHash, randomUUID } from 'node:crypto';
import type { RunningSystem } from './system-harness.js';

/** A photo's SHA-256 as the phone would list it; each call gives another photo. */
export function photoHash(): string {
  return createHash('sha256').update(randomUUID()).digest('hex');
}

export function receiptNo(prefix: string, number: number): string {
  return `${prefix}-${String(number).padStart(6, '0')}`;
}

/** Visits whose result code demands nothing extra beyond GPS and the photos listed. */
const MIN_PHOTOS: Record<string, number> = { PAID: 1, PARTIAL: 1, PTP: 1, NOT_MET: 1, HOUSE_EMPTY: 1, MOVED: 1, REFUSED: 0 };

/** A visit that passes every rule for its result code, made a few seconds ago; overrides replace fields. */
export function visitOf(assignmentId: string, resultCode: string, extra: Record<string, unknown> = {}): Record<string, any> {
  return {
    id: randomUUID(),
    assignmentId,
    resultCode,
    visitedAt: new Date(Date.now() - 5000).toISOString(),
    location: { lat: -6.1865, lng: 106.8341, accuracy: 12 },
    notes: `visit ${resultCode}`,
    photos: Array.from({ length: MIN_PHOTOS[resultCode] ?? 1 }, photoHash),
    ...extra,
  };
}

/** POST /api/v1/visits; answers the reply. */
export function sendVisits(system: RunningSystem, token: string, visits: unknown[]) {
  return system.request('/api/v1/visits', { method: 'POST', token, json: { visits } });
}
