import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { connect, RequestError } from '@nats-io/transport-node';
import type { AppProcess } from '#libs/runtime';
import { login, phone, type Session } from '../support/demo-users.js';
import { sendVisits, uploadPhoto, visitOf, worklistOf, type VisitResult } from '../support/field-visits.js';
import { NatsBroker, natsServerMissing } from '../support/nats-broker.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type HttpReply, type RunningSystem } from '../support/system-harness.js';
import { jpegPhoto, sha256Of } from '../support/test-photos.js';
import { waitFor } from '../support/wait-for.js';

const missing = natsServerMissing();
if (missing) process.stdout.write(`skipping the NATS system tests: ${missing}\n`);
const describeWithBroker = missing ? describe.skip : describe;

const USER = { name: 'mobile-collection', password: randomBytes(18).toString('base64url') };
const WORKLIST = 'collector.field.get-worklist';
const SUBMIT_VISITS = 'collector.field.submit-visits';
/** A photo of the default MEDIA_MAX_BYTES in a message needs about 10.3 MB; the broker is given room for it. */
const MAX_PAYLOAD = '16MB';
/** The most visits one POST /visits takes. */
const VISITS_PER_SEND = 50;

/** How many messages of a pattern a collector process answered, from the access log lines of its source. */
function answered(system: RunningSystem, source: string, pattern: string): number {
  return system.logOf(source).filter((line) => line.context === 'rpc' && line.pattern === pattern && line.outcome === 'ok').length;
}

function worklistsAnswered(system: RunningSystem, sources: string[]): Record<string, number> {
  return Object.fromEntries(sources.map((source) => [source, answered(system, source, WORKLIST)]));
}

/** Runs `count` calls, `parallel` at a time, in order of their index. */
async function inParallel<T>(count: number, parallel: number, call: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await call(index);
      }
    }),
  );
  return results;
}

describeWithBroker('replicas of a service on a NATS broker', () => {
  let broker: NatsBroker;
  let system: RunningSystem;
  let session: Session;
  let assignments: string[];
  let nextAssignment = 0;
  const replicas: AppProcess[] = [];

  /** Waits until a replica started by the test listens on the broker. */
  async function listening(source: string): Promise<void> {
    const started = await waitFor(() => system.logOf(source).some((line) => line.msg === 'Nest microservice successfully started'), Boolean, 90_000);
    if (!started) throw new Error(`${source} did not start:\n${(system.logs.get(source) ?? []).slice(-10).join('\n')}`);
  }

  /** One visit sent as the phone sends it: a 503 is retried, as the phone's outbox does, until it is stored. */
  async function sendUntilStored(visit: ReturnType<typeof visitOf>): Promise<{ first: number; retries: number; result: VisitResult }> {
    let first = 0;
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const reply: HttpReply<{ results: VisitResult[] }> = await sendVisits(system, session.token, [visit]);
      if (attempt === 0) first = reply.status;
      if (reply.status === 200) return { first, retries: attempt, result: reply.body.results[0] };
      expect(reply.status).toBe(503);
      expect(reply.body).toMatchObject({ code: 'service-unavailable' });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`visit ${visit.id} was never stored`);
  }

  function freshVisits(count: number) {
    const visits = assignments.slice(nextAssignment, nextAssignment + count).map((assignmentId) => visitOf(assignmentId, 'NOT_MET'));
    nextAssignment += count;
    if (visits.length !== count) throw new Error('the collector has too few assignments for the test');
    return visits;
  }

  /** Every visit the phone sent is held by the server once: a second send finds each a duplicate of the first. */
  async function expectHeldOnce(visits: ReturnType<typeof visitOf>[]): Promise<void> {
    for (let start = 0; start < visits.length; start += VISITS_PER_SEND) {
      const chunk = visits.slice(start, start + VISITS_PER_SEND);
      const again = await sendVisits<{ results: VisitResult[] }>(system, session.token, chunk);
      expect(again.status).toBe(200);
      expect(again.body.results.map((result) => result.status)).toEqual(chunk.map(() => 'duplicate'));
    }
    const status = await system.request('/api/v1/sync/status', { token: session.token });
    expect(status.status).toBe(200);
    const held: string[] = status.body.visitIds;
    for (const visit of visits) expect(held.filter((id) => id === visit.id)).toHaveLength(1);
  }

  beforeAll(async () => {
    broker = await NatsBroker.start({ maxPayload: MAX_PAYLOAD, user: USER });
    system = await startSystem({
      mode: 'split',
      env: {
        TRANSPORT: 'nats',
        NATS_URL: broker.url,
        NATS_USER: USER.name,
        NATS_PASSWORD: USER.password,
        DEMO_ACCOUNTS_PER_COLLECTOR: '200',
      },
    });
    replicas.push(system.startReplica('collector'), system.startReplica('collector'));
    await Promise.all([listening('collector#2'), listening('collector#3')]);
    session = await login(system, 'collector1', phone(`nats-${randomUUID().slice(0, 8)}`));
    assignments = (await worklistOf(system, session)).assignments.map((assignment) => assignment.id);
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
    await broker?.stop();
  });

  it('three collector replicas share 300 requests, each a fair share', async () => {
    const sources = ['collector', 'collector#2', 'collector#3'];
    const before = worklistsAnswered(system, sources);
    const statuses = await inParallel(300, 10, async () => (await system.request('/api/v1/worklist', { token: session.token })).status);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    // The access log line of the last replies may follow their HTTP answer by a moment.
    const after = await waitFor(
      () => worklistsAnswered(system, sources),
      (counts) => sources.reduce((sum, source) => sum + counts[source] - before[source], 0) >= 300,
      10_000,
    );
    const shares = sources.map((source) => after[source] - before[source]);
    expect(shares.reduce((sum, share) => sum + share, 0)).toBe(300);
    // A queue group picks a member at random: each of three gets 100 on average, and below 50 about never.
    for (const share of shares) expect(share).toBeGreaterThanOrEqual(50);
  });

  it("carries a photo's bytes through the broker: uploaded, stored by media, and downloaded byte for byte", async () => {
    const bytes = await jpegPhoto(4242);
    expect((await uploadPhoto(system, session.token, bytes)).status).toBe(201);
    const download = await system.request(`/api/v1/media/${sha256Of(bytes)}`, { token: session.token });
    expect(download.status).toBe(200);
    expect(download.bytes.equals(bytes)).toBe(true);
  });

  it('a replica killed during uploads loses nothing: each visit is stored, or answered 503 and stored by the retry, and none twice', async () => {
    const visits = freshVisits(60);
    const killed = replicas.pop()!;
    const outcomes = await inParallel(visits.length, 6, async (index) => {
      if (index === 15) await killed.kill();
      return sendUntilStored(visits[index]);
    });
    expect((await killed.exited).signal).toBe('SIGKILL');
    expect(answered(system, 'collector#3', SUBMIT_VISITS)).toBeGreaterThan(0);
    for (const outcome of outcomes) {
      expect([200, 503]).toContain(outcome.first);
      // A visit the dead replica stored before its reply was lost comes back as a duplicate of itself.
      expect(['created', 'duplicate']).toContain(outcome.result.status);
    }
    expect(outcomes.filter((outcome) => outcome.retries === 0 && outcome.result.status !== 'created')).toEqual([]);
    await expectHeldOnce(visits);
  });

  it('a replica stopped with SIGTERM during uploads answers what it holds: no call fails', async () => {
    const visits = freshVisits(60);
    const stopped = replicas.pop()!;
    const replies = await inParallel(visits.length, 6, async (index) => {
      if (index === 15) stopped.child.kill('SIGTERM');
      return sendVisits<{ results: VisitResult[] }>(system, session.token, [visits[index]]);
    });
    expect((await stopped.exited).code).toBe(0);
    // It was serving its share when told to stop, so it held requests then.
    expect(answered(system, 'collector#2', SUBMIT_VISITS)).toBeGreaterThan(0);
    expect(replies.map((reply) => reply.status)).toEqual(visits.map(() => 200));
    expect(replies.map((reply) => reply.body.results[0].status)).toEqual(visits.map(() => 'created'));
    await expectHeldOnce(visits);
  });

  it('with every replica down a call is answered 503 naming the service at once, not at its deadline', async () => {
    await system.stopApp('collector');
    const started = Date.now();
    const reply = await system.request('/api/v1/worklist', { token: session.token });
    const tookMs = Date.now() - started;
    expect(reply.status).toBe(503);
    expect(reply.body).toMatchObject({ code: 'service-unavailable', service: 'collector' });
    expect(reply.body.detail).toContain('no replica of it listens');
    // RPC_TIMEOUT_MS is 5000 here: an answer well before it came from the broker, not from a deadline.
    expect(tookMs).toBeLessThan(2000);
    await system.startStoppedApps();
    const back = await waitFor(
      () => system.request('/api/v1/worklist', { token: session.token }).then((answer) => answer.status),
      (status) => status === 200,
      60_000,
    );
    expect(back).toBe(200);
  });

  it('a message published on the broker without the internal key gets no reply, and the refusal is logged', async () => {
    const outsider = await connect({ servers: broker.url, user: USER.name, pass: USER.password });
    try {
      const forged = JSON.stringify({ pattern: WORKLIST, data: { session: { userId: 'u-admin', role: 'admin', deviceId: null } }, id: 'forged-1' });
      const sent = outsider.request(WORKLIST, `${Buffer.byteLength(forged)}#${forged}`, { timeout: 1500 });
      const failure = await sent.then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(Error);
      expect(failure instanceof RequestError && failure.isNoResponders()).toBe(false);
    } finally {
      await outsider.close();
    }
    const refusals = ['collector', 'collector#2', 'collector#3'].flatMap((source) =>
      system.logOf(source).filter((line) => line.msg === 'refused an internal message'),
    );
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ reason: 'unsigned', subject: WORKLIST });
  });

  it('answers 503 while the broker is down, and serves again once it is back, with no service restarted', async () => {
    const crashesBefore = system.launcherEvents('crashed').length;
    await broker.kill();
    const down = await waitFor(
      () => system.request('/api/v1/worklist', { token: session.token }),
      (reply) => reply.status === 503,
      10_000,
    );
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ code: 'service-unavailable' });
    await broker.resume();
    const back = await waitFor(
      () => system.request('/api/v1/worklist', { token: session.token }).then((reply) => reply.status),
      (status) => status === 200,
      15_000,
    );
    expect(back).toBe(200);
    expect(system.launcherEvents('crashed').length).toBe(crashesBefore);
  });

  it('a service refuses to start on a broker whose max_payload cannot carry its largest message', async () => {
    const small = await NatsBroker.start();
    try {
      const refused = system.startReplica('collector', { NATS_URL: small.url, NATS_USER: '', NATS_PASSWORD: '' });
      expect((await refused.exited).code).toBe(78);
      const said = system.logs.get('collector#4')?.join('\n') ?? '';
      expect(said).toContain("does not fit the NATS broker's max_payload of 1048576 bytes");
      expect(said).toContain('raise max_payload in the nats-server configuration');
    } finally {
      await small.stop();
    }
  });
});
