import { randomBytes, randomUUID } from 'node:crypto';
import { FormData } from 'undici';
import { addDays, endOfWorkDate, workDateOf } from '#libs/common';
import type { Session } from './demo-users.js';
import type { HttpReply, RunningSystem } from './system-harness.js';
import { sha256Of } from './test-photos.js';

/** The demo's working time zone, the one a batch's work date is counted in. */
const WORK_TIME_ZONE = 'Asia/Jakarta';

/**
 * A moment `ms` ago, but not before today's local midnight: a batch opened
 * just after midnight rightly refuses a visit made the day before, and a test
 * that runs across midnight would otherwise send one.
 */
export function visitedAgo(ms: number): Date {
  const yesterday = addDays(workDateOf(new Date(), WORK_TIME_ZONE), -1);
  return new Date(Math.max(Date.now() - ms, endOfWorkDate(yesterday, WORK_TIME_ZONE).getTime()));
}

/** A visit as the phone sends it to POST /api/v1/visits (design section 3). */
export interface VisitInput {
  id: string;
  assignmentId: string;
  resultCode: string;
  visitedAt: string;
  location: { lat: number; lng: number; accuracy: number };
  notes?: string;
  payment?: { amount: number; receiptNo: string };
  promise?: { date: string; amount: number };
  photos: string[];
}

export interface VisitResult {
  id: string;
  status: 'created' | 'duplicate' | 'conflict' | 'rejected';
  errors?: { field: string; message: string }[];
}

export interface WorklistAssignment {
  id: string;
  contractNo: string;
  debtorName: string;
  amountDue: number;
}

export interface Worklist {
  workDate: string;
  assignments: WorklistAssignment[];
  receiptRange: { prefix: string; from: number; to: number };
}

/** The collector's LKH for today, through the real endpoint. */
export async function worklistOf(system: RunningSystem, session: Session): Promise<Worklist> {
  const reply = await system.request<Worklist>('/api/v1/worklist', { token: session.token });
  if (reply.status !== 200) throw new Error(`GET /worklist answered ${reply.status}: ${reply.text}`);
  return reply.body;
}

/** Sends visits through the real endpoint as the phone does; fails the test unless every one is stored. */
export async function submitVisits(system: RunningSystem, session: Session, visits: VisitInput[]): Promise<VisitResult[]> {
  const reply = await sendVisits<{ results: VisitResult[] }>(system, session.token, visits);
  if (reply.status >= 300) throw new Error(`POST /visits answered ${reply.status}: ${reply.text}`);
  const refused = reply.body.results.filter((result) => result.status !== 'created' && result.status !== 'duplicate');
  if (refused.length > 0) throw new Error(`visits not stored: ${JSON.stringify(refused)}`);
  return reply.body.results;
}

/** A receipt number as printed from a range: the prefix, a dash and six digits (`KWJ1-000001`). */
export function receiptNo(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(6, '0')}`;
}

/** The SHA-256 of a photo the phone took; the bytes are not sent here. */
export function photoHash(): string {
  return sha256Of(randomBytes(32));
}

/**
 * A visit with defaults a valid one needs; each test states what it is about.
 * Overrides may break the shape on purpose (null location, unknown fields).
 */
export function visitOf(
  assignmentId: string,
  resultCode: string,
  overrides: Partial<VisitInput> | Record<string, unknown> = {},
): VisitInput & Record<string, any> {
  return {
    id: randomUUID(),
    assignmentId,
    resultCode,
    visitedAt: visitedAgo(60_000).toISOString(),
    location: { lat: -6.2, lng: 106.82, accuracy: 8 },
    photos: [photoHash()],
    ...overrides,
  };
}

/** POST /api/v1/visits as the phone sends it, answering the raw reply, refusals included. */
export function sendVisits<T = any>(system: RunningSystem, token: string, visits: unknown[]): Promise<HttpReply<T>> {
  return system.request<T>('/api/v1/visits', { method: 'POST', token, json: { visits } });
}

/** The multipart body of POST /api/v1/media as the phone uploads a proof photo: the file and its SHA-256. */
export function photoForm(bytes: Buffer): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg');
  form.append('sha256', sha256Of(bytes));
  return form;
}

/** POST /api/v1/media as the phone uploads a proof photo, answering the raw reply. */
export function uploadPhoto(system: RunningSystem, token: string, bytes: Buffer): Promise<HttpReply> {
  return system.request('/api/v1/media', { method: 'POST', token, body: photoForm(bytes) as unknown as BodyInit });
}
