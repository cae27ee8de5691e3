import { createHash } from 'node:crypto';
import { DEMO_PASSWORD } from '../support/demo-users.js';
import type { VisitInput } from '../support/field-visits.js';
import type { CollectorLedger } from './collector-ledger.js';
import type { PhoneLink } from './phone-link.js';

/** A visit as the monitoring list shows it to an admin. */
interface ServerVisit {
  id: string;
  visitedAt: string;
  resultCode: string;
  collector: { username: string };
  payment: { amount: number; receiptNo: string } | null;
  promise: { date: string; amount: number } | null;
  location: { lat: number; lng: number } | null;
  notes: string | null;
  photosExpected: number;
  photosMissing: number | null;
}

/** A count, with a few of the ids or reasons behind it for whoever reads the report. */
export interface Tally {
  count: number;
  examples: string[];
}

export interface ReconciliationResult {
  visits: { held: number; onServer: number; lost: Tally; doubled: Tally; contentDiffers: Tally; refused: Tally; unknownToPhones: Tally };
  receipts: { held: number; lost: Tally; doubled: Tally };
  photos: { held: number; missing: Tally; hashMismatch: Tally };
  batches: { collectors: number; closed: number; leftOpen: Tally };
  resets: { count: number; discrepancies: Tally };
  /** The further checks, by name. */
  checks: Record<string, Tally>;
  /** Lost, doubled, altered or missing anything: the day failed. */
  clean: boolean;
}

/** The reconciliation's view of the server: the public API as an admin sees it, without the faults the phones suffer. */
export class ServerAuditor {
  private token = '';

  constructor(readonly link: PhoneLink) {}

  async signIn(): Promise<void> {
    const answer = await this.link.call('audit', { method: 'POST', path: '/api/v1/auth/login', json: { username: 'admin', password: DEMO_PASSWORD } });
    if (answer.status !== 200) throw new Error(`the admin login for the reconciliation answered ${answer.status}`);
    this.token = answer.body.accessToken;
  }

  /** Every visit of the work date, page by page. */
  async visitsOf(workDate: string): Promise<ServerVisit[]> {
    const visits: ServerVisit[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const answer = await this.link.call('audit', {
        path: `/api/v1/monitoring/visits?from=${workDate}&to=${workDate}&limit=${PAGE}&offset=${offset}`,
        token: this.token,
      });
      if (answer.status !== 200) throw new Error(`GET /monitoring/visits answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      visits.push(...answer.body.items);
      if (offset + PAGE >= answer.body.total) return visits;
    }
  }

  /** The stored photo's own hash, or why there is none. */
  async photoHash(sha256: string): Promise<string> {
    const answer = await this.link.call('audit', { path: `/api/v1/media/${sha256}`, token: this.token });
    if (answer.status !== 200) return `answered ${answer.status}`;
    return createHash('sha256').update(answer.bytes).digest('hex');
  }

  /**
   * Every outbound row of a kind the core has not yet taken, taken and acknowledged page by page
   * as the core does: without a cursor, acknowledging a page is the only way to the next one.
   */
  async takeOutbound(kind: string): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    for (;;) {
      const page = await this.link.call('audit', { path: `/api/v1/core/outbound/${kind}?limit=${OUTBOUND_PAGE}`, token: this.token });
      if (page.status !== 200) throw new Error(`GET /core/outbound/${kind} answered ${page.status}: ${JSON.stringify(page.body)}`);
      const taken = page.body.rows as Record<string, unknown>[];
      rows.push(...taken);
      if (taken.length === 0) return rows;
      const ack = await this.link.call('audit', {
        method: 'POST',
        path: `/api/v1/core/outbound/${kind}/ack`,
        json: { ids: taken.map((row) => row.id) },
        token: this.token,
      });
      if (ack.status !== 200) throw new Error(`POST /core/outbound/${kind}/ack answered ${ack.status}: ${JSON.stringify(ack.body)}`);
      if (taken.length < OUTBOUND_PAGE) return rows;
    }
  }

  /** Whether the collector, with its last session, still has an open batch. */
  async hasOpenBatch(collectorToken: string): Promise<boolean> {
    const answer = await this.link.call('audit', { path: '/api/v1/sync/status', token: collectorToken });
    return !(answer.status === 409 && answer.body.code === 'no-open-batch');
  }
}

const PAGE = 200;
const OUTBOUND_PAGE = 5000;
const EXAMPLES = 10;
/** Photos checked at once: their downloads go through the gateway and the media service. */
const PHOTO_CHECKS_AT_ONCE = 8;

/** A check of what the server holds beyond the built-in ones, such as the core bridge's outbound rows (`coreOutboundCheck`). */
export interface ReconciliationCheck {
  name: string;
  run(ledgers: CollectorLedger[], auditor: ServerAuditor): Promise<Tally>;
}

/**
 * Compares what every simulated collector holds with what the server holds:
 * each visit exactly once with its content, each receipt once, each photo
 * present and matching its hash, each batch closed.
 */
export async function reconcile(ledgers: CollectorLedger[], auditor: ServerAuditor, checks: ReconciliationCheck[] = []): Promise<ReconciliationResult> {
  await auditor.signIn();
  const workDates = [...new Set(ledgers.map((ledger) => ledger.workDate).filter(Boolean))];
  const serverVisits = (await Promise.all(workDates.map((date) => auditor.visitsOf(date)))).flat();
  const held = ledgers.flatMap((ledger) => [...ledger.visits.values()]);
  const byId = groupBy(serverVisits, (visit) => visit.id);
  const heldIds = new Set(held.map((entry) => entry.visit.id));

  const lost = tally();
  const doubled = tally();
  const contentDiffers = tally();
  const refused = tally();
  for (const entry of held) {
    const copies = byId.get(entry.visit.id) ?? [];
    if (entry.refusal) add(refused, `${entry.visit.id} ${entry.refusal}`);
    if (copies.length === 0) add(lost, entry.visit.id);
    if (copies.length > 1) add(doubled, `${entry.visit.id} x${copies.length}`);
    const differences = copies.length === 1 ? differencesOf(entry.visit, entry.collector, copies[0]) : [];
    if (differences.length > 0) add(contentDiffers, `${entry.visit.id}: ${differences.join(', ')}`);
  }
  const unknownToPhones = tally();
  for (const visit of serverVisits) if (!heldIds.has(visit.id)) add(unknownToPhones, visit.id);

  const receiptsHeld = held.flatMap((entry) => (entry.visit.payment ? [entry.visit.payment.receiptNo] : []));
  const receiptsOnServer = groupBy(
    serverVisits.filter((visit) => visit.payment),
    (visit) => visit.payment!.receiptNo,
  );
  const receiptsLost = tally();
  const receiptsDoubled = tally();
  for (const receipt of receiptsHeld) if (!receiptsOnServer.has(receipt)) add(receiptsLost, receipt);
  for (const [receipt, visits] of receiptsOnServer) if (visits.length > 1) add(receiptsDoubled, `${receipt} x${visits.length}`);

  const photos = await reconcilePhotos(ledgers, byId, auditor);
  const batches = await reconcileBatches(ledgers, auditor);
  const discrepancies = tally();
  for (const ledger of ledgers) for (const reason of ledger.resetDiscrepancies) add(discrepancies, `${ledger.username}: ${reason}`);

  const results: Record<string, Tally> = {};
  for (const check of checks) results[check.name] = await check.run(ledgers, auditor);

  const failures = [
    lost,
    doubled,
    contentDiffers,
    refused,
    unknownToPhones,
    receiptsLost,
    receiptsDoubled,
    photos.missing,
    photos.hashMismatch,
    batches.leftOpen,
    discrepancies,
    ...Object.values(results),
  ];
  return {
    visits: { held: held.length, onServer: serverVisits.length, lost, doubled, contentDiffers, refused, unknownToPhones },
    receipts: { held: receiptsHeld.length, lost: receiptsLost, doubled: receiptsDoubled },
    photos,
    batches,
    resets: { count: ledgers.reduce((total, ledger) => total + ledger.resets, 0), discrepancies },
    checks: results,
    clean: failures.every((failure) => failure.count === 0),
  };
}

/** Each photo: its visit on the server counts it as arrived from its collector, and the stored bytes hash to its name. */
async function reconcilePhotos(ledgers: CollectorLedger[], byId: Map<string, ServerVisit[]>, auditor: ServerAuditor): Promise<ReconciliationResult['photos']> {
  const missing = tally();
  const hashMismatch = tally();
  const pending = ledgers.flatMap((ledger) => [...ledger.photos]);
  const held = pending.length;
  const worker = async () => {
    for (let next = pending.pop(); next; next = pending.pop()) {
      const [sha256, visitId] = next;
      const visit = byId.get(visitId)?.[0];
      if (visit && visit.photosMissing !== 0) add(missing, `${sha256} (visit ${visitId}: ${visit.photosMissing ?? 'unknown'} missing)`);
      const stored = await auditor.photoHash(sha256);
      if (stored !== sha256) add(stored.startsWith('answered') ? missing : hashMismatch, `${sha256}: ${stored}`);
    }
  };
  await Promise.all(Array.from({ length: PHOTO_CHECKS_AT_ONCE }, worker));
  return { held, missing, hashMismatch };
}

async function reconcileBatches(ledgers: CollectorLedger[], auditor: ServerAuditor): Promise<ReconciliationResult['batches']> {
  const leftOpen = tally();
  let closed = 0;
  for (const ledger of ledgers) {
    const open = ledger.batchEnding === 'open' || (await auditor.hasOpenBatch(ledger.token));
    if (open) add(leftOpen, `${ledger.username} (phone: ${ledger.batchEnding})`);
    else closed += 1;
  }
  return { collectors: ledgers.length, closed, leftOpen };
}

/** The fields of a visit that the server shows differently from how the phone made it. */
function differencesOf(visit: VisitInput, collector: string, stored: ServerVisit): string[] {
  const differences: string[] = [];
  const differ = (field: string, phone: unknown, server: unknown) => {
    if (JSON.stringify(phone) !== JSON.stringify(server)) differences.push(`${field} phone ${JSON.stringify(phone)} server ${JSON.stringify(server)}`);
  };
  differ('collector', collector, stored.collector.username);
  differ('resultCode', visit.resultCode, stored.resultCode);
  differ('visitedAt', Date.parse(visit.visitedAt), Date.parse(stored.visitedAt));
  differ('payment', visit.payment ?? null, stored.payment && { amount: stored.payment.amount, receiptNo: stored.payment.receiptNo });
  differ('promise', visit.promise ?? null, stored.promise && { date: stored.promise.date, amount: stored.promise.amount });
  differ('location', [visit.location.lat, visit.location.lng], stored.location && [stored.location.lat, stored.location.lng]);
  differ('notes', visit.notes ?? null, stored.notes);
  differ('photos', visit.photos.length, stored.photosExpected);
  return differences;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

export function tally(): Tally {
  return { count: 0, examples: [] };
}

export function add(target: Tally, example: string): void {
  target.count += 1;
  if (target.examples.length < EXAMPLES) target.examples.push(example);
}
