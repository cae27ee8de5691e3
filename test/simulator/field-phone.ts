import { randomUUID } from 'node:crypto';
import { FormData } from 'undici';
import { DEMO_PASSWORD, phone } from '../support/demo-users.js';
import { receiptNo, type VisitInput, type VisitResult, type Worklist } from '../support/field-visits.js';
import type { CollectorLedger } from './collector-ledger.js';
import type { FieldMetrics } from './field-metrics.js';
import { RequestFailed, type PhoneAnswer, type PhoneLink } from './phone-link.js';
import type { ProofPhoto, ProofPhotoCamera } from './proof-photos.js';

/** A collector's day as the phone will live it. */
export interface DayPlan {
  visits: number;
  photosPerVisit: number;
  /** After this visit the collector resets local data and logs in again; none when absent. */
  resetAfterVisit?: number;
}

/** Every result kind in turn, so that each rule of the server is exercised. */
const RESULT_CODES = ['PAID', 'PTP', 'NOT_MET', 'PARTIAL', 'HOUSE_EMPTY', 'MOVED', 'REFUSED'] as const;
const NOTES: Record<string, string | undefined> = {
  NOT_MET: 'Debitur kerja, ditemui istri',
  HOUSE_EMPTY: 'Rumah kosong, tetangga tidak tahu',
  MOVED: 'Pindah ke Bekasi, alamat baru belum diketahui',
  REFUSED: 'Menolak bayar, minta keringanan',
};
/** The visits endpoint takes at most this many visits a request. */
const VISITS_PER_REQUEST = 50;
/** After each visit, the chance that the phone finds a signal and syncs: the rest stays queued offline. */
const SIGNAL_CHANCE = 0.3;
const JAKARTA = { lat: -6.1865, lng: 106.8341 };

/** An answer the phone does not expect: the simulation or the server is wrong, and the day stops. */
export class PhoneFailure extends Error {}

/**
 * One virtual phone of a collector: logs in online (with the update check),
 * downloads the LKH, records visits offline into its own queue, syncs them and
 * their photos when it has a signal, may reset local data mid-day, and closes
 * the batch at day end. What it does is kept in the collector's ledger.
 */
export class FieldPhone {
  private token = '';
  private workDate = '';
  private worklist: Worklist | undefined;
  private worklistTag: string | null = null;
  /** The phone's local storage: the open batch's visits, those not yet confirmed, photos not yet stored. */
  private batchVisits: VisitInput[] = [];
  private queue: VisitInput[] = [];
  private photoQueue: ProofPhoto[] = [];
  private readonly deviceId: string;

  constructor(
    private readonly ledger: CollectorLedger,
    private readonly link: PhoneLink,
    private readonly camera: ProofPhotoCamera,
    private readonly metrics: FieldMetrics,
    private readonly plan: DayPlan,
    private readonly onConfirmed: (visits: number) => void,
  ) {
    this.deviceId = `sim-${ledger.username}`;
  }

  async liveDay(): Promise<void> {
    await this.startDay();
    for (let n = 0; n < this.plan.visits; n++) {
      this.recordVisit(n);
      if (n === this.plan.resetAfterVisit) await this.resetLocalData();
      else if (Math.random() < SIGNAL_CHANCE) await this.trySync();
      if (n === Math.floor(this.plan.visits / 2)) await this.refreshWorklist();
    }
    await this.sync();
    await this.closeBatch();
  }

  /** Online login, then the day's LKH. */
  private async startDay(): Promise<void> {
    await this.login();
    const answer = await this.link.call<Worklist>('GET /worklist', { path: '/api/v1/worklist', token: this.token });
    if (answer.status !== 200) throw unexpected('GET /worklist', answer);
    this.worklist = answer.body;
    this.worklistTag = answer.headers.get('etag');
  }

  private async login(): Promise<void> {
    const answer = await this.link.call('POST /auth/login', {
      method: 'POST',
      path: '/api/v1/auth/login',
      json: { username: this.ledger.username, password: DEMO_PASSWORD, ...phone(this.deviceId) },
    });
    if (answer.status !== 200) throw unexpected('POST /auth/login', answer);
    this.token = answer.body.accessToken;
    this.ledger.token = this.token;
    this.workDate = answer.body.batch.workDate;
    this.ledger.workDate = this.workDate;
    if (answer.body.update) this.metrics.count('update offered at login');
  }

  /** The LKH again with its ETag, as the app does when it syncs: unchanged, it answers 304. */
  private async refreshWorklist(): Promise<void> {
    const headers: Record<string, string> = this.worklistTag ? { 'if-none-match': this.worklistTag } : {};
    const answer = await this.tolerate(() => this.link.call('GET /worklist', { path: '/api/v1/worklist', token: this.token, headers }));
    if (answer && answer.status !== 304 && answer.status !== 200) throw unexpected('GET /worklist', answer);
  }

  private recordVisit(n: number): void {
    const worklist = this.worklist!;
    const assignment = worklist.assignments[n % worklist.assignments.length] as Worklist['assignments'][number] & { location?: { lat: number; lng: number } };
    const resultCode = RESULT_CODES[(n + this.ledger.username.length) % RESULT_CODES.length];
    const id = randomUUID();
    const photos = Array.from({ length: this.plan.photosPerVisit }, (_, k) => this.camera.take(`${id}/${k}`));
    const position = assignment.location ?? JAKARTA;
    const visit: VisitInput = {
      id,
      assignmentId: assignment.id,
      resultCode,
      visitedAt: new Date().toISOString(),
      location: { lat: position.lat, lng: position.lng, accuracy: 12 },
      photos: photos.map((photo) => photo.sha256),
      ...(NOTES[resultCode] ? { notes: NOTES[resultCode] } : {}),
      ...this.money(resultCode, assignment.amountDue),
    };
    this.ledger.record(visit);
    this.batchVisits.push(visit);
    this.queue.push(visit);
    this.photoQueue.push(...photos);
  }

  /** A payment with the next receipt of the collector's book, or a promise within the window. */
  private money(resultCode: string, amountDue: number): Pick<VisitInput, 'payment' | 'promise'> {
    const range = this.worklist!.receiptRange;
    const nextReceipt = () => receiptNo(range.prefix, range.from + this.ledger.receiptsUsed++);
    switch (resultCode) {
      case 'PAID':
        return { payment: { amount: amountDue, receiptNo: nextReceipt() } };
      case 'PARTIAL':
        return { payment: { amount: Math.max(1000, Math.round(amountDue / 3000) * 1000), receiptNo: nextReceipt() } };
      case 'PTP':
        return { promise: { date: daysAfter(this.workDate, 2), amount: amountDue } };
      default:
        return {};
    }
  }

  /** A sync when a signal comes: what fails after its retries stays queued for the next one. */
  private async trySync(): Promise<void> {
    await this.tolerate(() => this.sync());
  }

  /** Sends every queued visit, then every photo not yet stored. */
  private async sync(): Promise<void> {
    while (this.queue.length > 0) {
      const sent = this.queue.slice(0, VISITS_PER_REQUEST);
      const answer = await this.link.call<{ results: VisitResult[] }>('POST /visits', {
        method: 'POST',
        path: '/api/v1/visits',
        token: this.token,
        json: { visits: sent },
      });
      if (answer.status !== 200) throw unexpected('POST /visits', answer);
      this.confirm(answer.body.results);
      const answered = new Set(answer.body.results.map((result) => result.id));
      this.queue = this.queue.filter((visit) => !answered.has(visit.id));
    }
    while (this.photoQueue.length > 0) {
      await this.upload(this.photoQueue[0]);
      this.photoQueue.shift();
    }
  }

  private confirm(results: VisitResult[]): void {
    let confirmed = 0;
    for (const result of results) {
      const held = this.ledger.visits.get(result.id)!;
      this.metrics.count(`visits ${result.status}`);
      if (result.status === 'created' || result.status === 'duplicate') {
        if (!held.confirmed) confirmed += 1;
        held.confirmed = true;
      } else {
        held.refusal = `${result.status}: ${JSON.stringify(result.errors ?? [])}`;
        this.metrics.error(`visit-${result.status}`);
      }
    }
    this.onConfirmed(confirmed);
  }

  private async upload(photo: ProofPhoto): Promise<void> {
    const bytes = this.camera.bytesOf(photo);
    const answer = await this.link.call('POST /media', {
      method: 'POST',
      path: '/api/v1/media',
      token: this.token,
      form: () => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg');
        form.append('sha256', photo.sha256);
        return form;
      },
    });
    if (answer.status !== 201 && answer.status !== 200) throw unexpected('POST /media', answer);
    this.metrics.count(answer.status === 201 ? 'photos stored' : 'photos already stored');
  }

  /**
   * Wipes the phone mid-day, as a collector may: the app lets it only once all is
   * synced; the server ends the batch and shows what it holds; the next login is online.
   */
  private async resetLocalData(): Promise<void> {
    try {
      await this.sync();
    } catch (error) {
      if (!(error instanceof RequestFailed)) throw error;
      return;
    }
    const answer = await this.link.call('POST /device/reset', { method: 'POST', path: '/api/v1/device/reset', token: this.token });
    if (answer.status !== 200) throw unexpected('POST /device/reset', answer);
    if (answer.body.closedBatch) this.checkHeldAtReset(answer.body.held?.visitIds ?? []);
    this.ledger.resets += 1;
    this.metrics.count('resets');
    this.batchVisits = [];
    await this.startDay();
  }

  private checkHeldAtReset(held: string[]): void {
    const sent = new Set(this.batchVisits.map((visit) => visit.id));
    const differ = held.length !== sent.size || held.some((id) => !sent.has(id));
    if (differ) this.ledger.resetDiscrepancies.push(`phone sent ${sent.size} visits, the reset reply holds ${held.length}`);
  }

  /**
   * Sends the phone's totals. A close whose answer was lost closed the batch all the
   * same: the retry then finds no open batch, and the phone takes that as closed.
   */
  private async closeBatch(): Promise<void> {
    const totals = {
      visitCount: this.batchVisits.length,
      paidAmount: sum(this.batchVisits.map((visit) => visit.payment?.amount ?? 0)),
      promisedAmount: sum(this.batchVisits.map((visit) => visit.promise?.amount ?? 0)),
      visitIds: this.batchVisits.map((visit) => visit.id),
    };
    const answer = await this.link.call('POST /batch/close', { method: 'POST', path: '/api/v1/batch/close', token: this.token, json: totals });
    if (answer.status === 200 && answer.body.status === 'closed') this.ledger.batchEnding = 'closed';
    else if (answer.status === 409 && answer.body.code === 'no-open-batch') this.ledger.batchEnding = 'closed-answer-lost';
    else throw unexpected('POST /batch/close', answer);
  }

  /** Runs a step whose failure after all its retries the phone lives with until its next sync. */
  private async tolerate<T>(step: () => Promise<T>): Promise<T | undefined> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof RequestFailed) return undefined;
      throw error;
    }
  }
}

function unexpected(endpoint: string, answer: PhoneAnswer): PhoneFailure {
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  return new PhoneFailure(`${endpoint} answered ${answer.status}: ${text.slice(0, 300)}`);
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** A work date (YYYY-MM-DD) some days later. */
function daysAfter(workDate: string, days: number): string {
  const date = new Date(`${workDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
