import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { login, phone, type Session } from '../support/demo-users.js';
import { receiptNo, sendVisits, visitOf, worklistOf, type VisitInput, type VisitResult } from '../support/field-visits.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem } from '../support/system-harness.js';
import { waitFor } from '../support/wait-for.js';

/** How long the database may take to come back: seconds when idle, much longer on a loaded machine. */
const RECOVERY_MS = 60000;
const REQUESTS = 40;
const VISITS_PER_REQUEST = 20;
/** Requests a phone fleet keeps in flight at once. */
const IN_FLIGHT = 4;
/** Requests confirmed before the kill: the database then holds some of the day, with more on their way. */
const CONFIRMED_BEFORE_KILL = 3;

/**
 * A phone deletes a visit only once the server confirmed it, and the server
 * confirms only after its commit (one per request, or per group of requests
 * on SQLite). Killing the database with uploads in flight must therefore lose
 * nothing confirmed, and the phone's resends must store every visit once.
 */
describe('visit uploads when the database is killed mid-request, five processes', () => {
  let system: RunningSystem;
  let collector: Session;
  let queue: VisitInput[][];

  beforeAll(async () => {
    system = await startSystem({ mode: 'split' });
    collector = await login(system, 'collector1', phone('visit-crash-c1'));
    const worklist = await worklistOf(system, collector);
    const assignments = worklist.assignments.map((assignment) => assignment.id);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    let receipt = worklist.receiptRange.from;
    let n = 0;
    const next = (): VisitInput => {
      n += 1;
      const assignmentId = assignments[n % assignments.length];
      if (n % 3 === 0) return visitOf(assignmentId, 'PAID', { payment: { amount: 250_000, receiptNo: receiptNo(worklist.receiptRange.prefix, receipt++) } });
      if (n % 3 === 1) return visitOf(assignmentId, 'PTP', { promise: { date: today, amount: 100_000 } });
      return visitOf(assignmentId, 'REFUSED', { photos: [] });
    };
    queue = Array.from({ length: REQUESTS }, () => Array.from({ length: VISITS_PER_REQUEST }, next));
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  /** Sends one request; the ids the server confirmed (created or duplicate), none when the request failed as a whole. */
  async function send(visits: VisitInput[]): Promise<string[]> {
    try {
      const reply = await sendVisits<{ results: VisitResult[] }>(system, collector.token, visits);
      if (reply.status !== 200) return [];
      return reply.body.results.filter((result) => result.status === 'created' || result.status === 'duplicate').map((result) => result.id);
    } catch {
      return [];
    }
  }

  it(
    'loses no confirmed visit and, after the phone resends what was not confirmed, holds every visit once',
    async () => {
      const confirmed = new Set<string>();
      let answered = 0;
      let failed = 0;
      let killed: Promise<void> | undefined;
      const pending = [...queue];
      const sender = async () => {
        for (let request = pending.shift(); request; request = pending.shift()) {
          const ids = await send(request);
          answered += 1;
          if (ids.length === 0) failed += 1;
          ids.forEach((id) => confirmed.add(id));
          if (!killed && answered >= CONFIRMED_BEFORE_KILL) killed = system.kill('database');
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
      await killed;
      const confirmedBeforeResend = new Set(confirmed);
      expect(killed).toBeDefined();
      expect(confirmedBeforeResend.size).toBeGreaterThanOrEqual(CONFIRMED_BEFORE_KILL * VISITS_PER_REQUEST);
      // Requests sent while the database was down (or killed under them) were refused as a whole, not half-stored.
      expect(failed).toBeGreaterThan(0);

      const ready = await waitFor(
        () => system.request('/health/ready'),
        (reply) => reply.status === 200,
        RECOVERY_MS,
      );
      expect(ready.status).toBe(200);

      // The phone resends everything it was not told was stored, in requests of up to 50, until all is confirmed.
      const all = queue.flat();
      for (let round = 0; round < 5 && confirmed.size < all.length; round += 1) {
        const unconfirmed = all.filter((visit) => !confirmed.has(visit.id));
        for (let start = 0; start < unconfirmed.length; start += 50) (await send(unconfirmed.slice(start, start + 50))).forEach((id) => confirmed.add(id));
      }
      expect(confirmed.size).toBe(all.length);

      const status = await system.request('/api/v1/sync/status', { token: collector.token });
      expect(status.status).toBe(200);
      const held: string[] = status.body.visitIds;
      expect(new Set(held).size).toBe(held.length);
      expect([...held].sort()).toEqual(all.map((visit) => visit.id).sort());
      expect([...confirmedBeforeResend].filter((id) => !held.includes(id))).toEqual([]);
      const paid = all.reduce((sum, visit) => sum + (visit.payment?.amount ?? 0), 0);
      const promised = all.reduce((sum, visit) => sum + (visit.promise?.amount ?? 0), 0);
      expect(status.body.totals).toEqual({ visitCount: all.length, paidAmount: paid, promisedAmount: promised });

      // What was confirmed before the kill answers duplicate now: stored once, and stored whole.
      const sample = all.filter((visit) => confirmedBeforeResend.has(visit.id)).slice(0, 50);
      const replay = await sendVisits<{ results: VisitResult[] }>(system, collector.token, sample);
      expect(replay.body.results.map((result) => result.status)).toEqual(sample.map(() => 'duplicate'));
    },
    3 * RECOVERY_MS,
  );
});
