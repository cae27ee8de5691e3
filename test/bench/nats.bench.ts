import { cpus, loadavg } from 'node:os';
import { login, phone, type Session } from '../support/demo-users.js';
import { sendVisits, visitOf, worklistOf } from '../support/field-visits.js';
import { NatsBroker } from '../support/nats-broker.js';
import type { RunningSystem } from '../support/system-harness.js';
import type { TestEngine } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';
import { measureLoad, secondsSince, table, withSystem, type Benchmark, type LoadResult } from './bench-kit.js';
import { measureBareServer } from './system-endpoint.bench.js';

const SYSTEM_PATH = '/api/v1/system';
const VISITS_PER_REQUEST = 50;
/**
 * Replicas are compared on smaller batches: a 50-visit request on PostgreSQL takes seconds here, so a
 * run counts a few dozen requests and the figure moves in steps of 50 visits; and smaller batches put
 * more of the work in the collector, which is what its replicas share.
 */
const REPLICA_VISITS_PER_REQUEST = 10;
const VISIT_CONNECTIONS = 8;
const DURATION_SECONDS = Number(process.env.BENCH_NATS_SECONDS ?? 8);
const BENCH_ENV = { DEMO_ACCOUNTS_PER_COLLECTOR: '40', LOG_LEVEL: 'warn', RPC_TIMEOUT_MS: '15000' };
/** A photo of the default MEDIA_MAX_BYTES in a message needs about 14 MB. */
const MAX_PAYLOAD = '16MB';

interface TransportFigures {
  system: LoadResult;
  visitsPerSecond: number;
  visits: LoadResult;
  /** How long a call takes to be answered 503 with no collector running: median and slowest of 20, ms. */
  downAnswer: { p50Ms: number; maxMs: number };
}

const DOWN_PROBES = 20;

/** Stops the collector and times the gateway's 503 for a worklist, one call after another. */
async function measureCollectorDown(system: RunningSystem, session: Session): Promise<TransportFigures['downAnswer']> {
  await system.stopApp('collector');
  const times: number[] = [];
  for (let probe = 0; probe < DOWN_PROBES; probe += 1) {
    const started = process.hrtime.bigint();
    const reply = await system.request('/api/v1/worklist', { token: session.token });
    times.push(secondsSince(started) * 1000);
    if (reply.status !== 503) throw new Error(`with the collector stopped the worklist answered ${reply.status}`);
  }
  times.sort((a, b) => a - b);
  return { p50Ms: Math.round(times[DOWN_PROBES / 2]), maxMs: Math.round(times[DOWN_PROBES - 1]) };
}

/** Uploads batches of new NOT_MET visits as fast as the system stores them; visits/s counts `created` results. */
async function measureVisits(system: RunningSystem, session: Session, perRequest = VISITS_PER_REQUEST): Promise<{ load: LoadResult; visitsPerSecond: number }> {
  const worklist = await system.request('/api/v1/worklist', { token: session.token });
  const assignments = (worklist.body.assignments as { id: string }[]).map((assignment) => assignment.id);
  let sequence = 0;
  let created = 0;
  const load = await measureLoad({
    url: `${system.gatewayUrl}/api/v1/visits`,
    connections: VISIT_CONNECTIONS,
    durationSeconds: DURATION_SECONDS,
    requests: [
      {
        method: 'POST',
        headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ visits: Array.from({ length: perRequest }, () => visitOf(assignments[sequence++ % assignments.length], 'NOT_MET')) }),
        }),
        onResponse: (status, body) => {
          if (status !== 200) return;
          created += (JSON.parse(body) as { results: { status: string }[] }).results.filter((result) => result.status === 'created').length;
        },
      },
    ],
  });
  return { load, visitsPerSecond: Math.round(created / DURATION_SECONDS) };
}

/** Each transport's figures are the better of this many rounds, the two transports taking turns. */
const ROUNDS = 3;

interface Target {
  system: RunningSystem;
  admin: Record<string, string>;
  collector: Session;
}

async function targetOf(system: RunningSystem): Promise<Target> {
  return {
    system,
    admin: { authorization: `Bearer ${(await login(system, 'admin')).token}` },
    collector: await login(system, 'collector1', phone('bench-nats-0001')),
  };
}

function better(a: LoadResult | undefined, b: LoadResult): LoadResult {
  return a && a.requestsPerSecond >= b.requestsPerSecond ? a : b;
}

/**
 * Both systems run at once and are measured in turns, so that each transport meets the same
 * moments of a shared machine: measured one after the other, whatever else ran then decided the ratio.
 */
async function measureTransports(natsUrl: string): Promise<{ tcp: TransportFigures; nats: TransportFigures; bare: LoadResult }> {
  return withSystem({ mode: 'split', env: { ...BENCH_ENV, TRANSPORT: 'tcp' } }, async (tcpSystem) =>
    withSystem({ mode: 'split', env: { ...BENCH_ENV, TRANSPORT: 'nats', NATS_URL: natsUrl } }, async (natsSystem) => {
      const targets = [await targetOf(tcpSystem), await targetOf(natsSystem)];
      const sample = await tcpSystem.request(SYSTEM_PATH, { headers: targets[0].admin });
      const bare = await measureBareServer(tcpSystem, sample.text);
      const best = targets.map(() => ({ system: undefined as LoadResult | undefined, visits: undefined as LoadResult | undefined, visitsPerSecond: 0 }));
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const [index, target] of targets.entries()) {
          const load = await measureLoad({ url: `${target.system.gatewayUrl}${SYSTEM_PATH}`, headers: target.admin, durationSeconds: DURATION_SECONDS });
          best[index].system = better(best[index].system, load);
        }
        for (const [index, target] of targets.entries()) {
          const visits = await measureVisits(target.system, target.collector);
          if (visits.visitsPerSecond >= best[index].visitsPerSecond)
            Object.assign(best[index], { visits: visits.load, visitsPerSecond: visits.visitsPerSecond });
        }
      }
      const [tcp, nats] = await Promise.all(
        targets.map(async (target, index) => ({
          system: best[index].system!,
          visits: best[index].visits!,
          visitsPerSecond: best[index].visitsPerSecond,
          downAnswer: await measureCollectorDown(target.system, target.collector),
        })),
      );
      return { tcp, nats, bare };
    }),
  );
}

/** Waits until `count` processes of a service listen on the broker. */
async function listening(broker: NatsBroker, service: string, count: number): Promise<void> {
  const listeners = await waitFor(
    () => broker.listeners(service),
    (found) => found >= count,
    90_000,
  );
  if (listeners < count) throw new Error(`${count} ${service} processes were expected on the broker, ${listeners} listen`);
}

/** A replica's first requests load its code paths and open its database connections: not part of the figure. */
async function warmUp(system: RunningSystem, session: Session, assignmentId: string): Promise<void> {
  for (let request = 0; request < 20; request += 1) await sendVisits(system, session.token, [visitOf(assignmentId, 'NOT_MET')]);
}

/** Visit uploads on PostgreSQL through NATS with one collector, then with replicas added beside the running system. */
async function measureReplicas(broker: NatsBroker, engine: TestEngine): Promise<{ rows: [string, number, LoadResult][]; loadAverage: number }> {
  const env = { ...BENCH_ENV, TRANSPORT: 'nats', NATS_URL: broker.url };
  return withSystem({ mode: 'split', engine, env }, async (system) => {
    const session = await login(system, 'collector1', phone('bench-nats-0002'));
    const [first] = (await worklistOf(system, session)).assignments;
    await warmUp(system, session, first.id);
    const rows: [string, number, LoadResult][] = [];
    const one = await measureVisits(system, session, REPLICA_VISITS_PER_REQUEST);
    rows.push(['one collector, one database service', one.visitsPerSecond, one.load]);
    system.startReplica('collector');
    await listening(broker, 'collector', 2);
    await warmUp(system, session, first.id);
    const two = await measureVisits(system, session, REPLICA_VISITS_PER_REQUEST);
    rows.push(['two collector replicas, one database service', two.visitsPerSecond, two.load]);
    system.startReplica('database');
    await listening(broker, 'database', 2);
    await warmUp(system, session, first.id);
    const both = await measureVisits(system, session, REPLICA_VISITS_PER_REQUEST);

    rows.push(['two collector replicas, two database services', both.visitsPerSecond, both.load]);
    return { rows, loadAverage: loadavg()[0] };
  });
}

export function natsBenchmark(): Benchmark {
  return {
    name: 'nats',
    async run() {
      const broker = await NatsBroker.start({ maxPayload: MAX_PAYLOAD });
      try {
        const { tcp, nats, bare } = await measureTransports(broker.url);
        const engine: TestEngine | undefined = process.env.TEST_PG_URL ? 'postgres' : undefined;
        const { rows: replicas, loadAverage } = engine ? await measureReplicas(broker, engine) : { rows: [], loadAverage: 0 };
        const systemRatio = nats.system.requestsPerSecond / tcp.system.requestsPerSecond;
        const visitsRatio = nats.visitsPerSecond / tcp.visitsPerSecond;
        const [oneCollector, twoCollectors] = replicas;
        return {
          title: 'TCP and NATS between the services, and collector replicas on PostgreSQL',
          markdown: [
            `Two systems of five processes on SQLite running side by side, one over TCP and one through a local nats-server (max_payload ${MAX_PAYLOAD}; every message signed either way), measured in turns, ${ROUNDS} rounds, the better round of each kept. autocannon over HTTPS, ${DURATION_SECONDS} s per figure: GET ${SYSTEM_PATH} with 16 connections (gateway -> collector -> database, media, ota), and POST /api/v1/visits with ${VISIT_CONNECTIONS} connections, ${VISITS_PER_REQUEST} new NOT_MET visits per request (visits/s counts \`created\` results).`,
            '',
            table(
              ['target', 'system requests/s', 'system p50 / p99 ms', 'visits/s', 'visit requests p50 / p99 ms', 'errors + non-2xx'],
              [
                [
                  'bare Node https server, same bytes as the system page',
                  bare.requestsPerSecond,
                  `${bare.p50Ms} / ${bare.p99Ms}`,
                  '—',
                  '—',
                  bare.errors + bare.non2xx,
                ],
                ...(
                  [
                    ['five processes, TCP', tcp],
                    ['five processes, NATS', nats],
                  ] as const
                ).map(([label, r]) => [
                  label,
                  r.system.requestsPerSecond,
                  `${r.system.p50Ms} / ${r.system.p99Ms}`,
                  r.visitsPerSecond,
                  `${r.visits.p50Ms} / ${r.visits.p99Ms}`,
                  r.system.errors + r.system.non2xx + r.visits.errors + r.visits.non2xx,
                ]),
              ],
            ),
            '',
            `NATS reaches ${systemRatio.toFixed(2)}x TCP on the system page and ${visitsRatio.toFixed(2)}x on visit uploads (goal: at least 0.8x).`,
            '',
            `With the collector stopped, GET /api/v1/worklist is answered 503 in ${nats.downAnswer.p50Ms} ms (median of ${DOWN_PROBES}, slowest ${nats.downAnswer.maxMs} ms) over NATS, where the broker answers "no responders", and in ${tcp.downAnswer.p50Ms} ms (slowest ${tcp.downAnswer.maxMs} ms) over TCP, where the connection is refused (goal: within 100 ms, not at the ${BENCH_ENV.RPC_TIMEOUT_MS} ms deadline).`,
            '',
            ...(replicas.length > 0
              ? [
                  `Replicas on PostgreSQL through NATS: one system, replicas added while it runs (visit uploads as above but ${REPLICA_VISITS_PER_REQUEST} visits per request, ${DURATION_SECONDS} s each). Load generator, broker, PostgreSQL and every replica share the machine's ${cpus().length} cores; the 1-minute load average was ${loadAverage.toFixed(1)} at the end of these measurements.`,
                  '',
                  table(
                    ['replicas', 'visits/s', 'p50 ms', 'p99 ms', 'errors + non-2xx'],
                    replicas.map(([label, perSecond, r]) => [label, perSecond, r.p50Ms, r.p99Ms, r.errors + r.non2xx]),
                  ),
                  '',
                  `Two collector replicas reach ${(twoCollectors[1] / oneCollector[1]).toFixed(2)}x one.`,
                ]
              : ['Replicas on PostgreSQL: not measured (TEST_PG_URL is not set).']),
          ].join('\n'),
          summary: [
            {
              figure: 'GET /api/v1/system over NATS, requests/s',
              fiveProcesses: nats.system.requestsPerSecond,
              anchor: { label: 'five processes over TCP', value: tcp.system.requestsPerSecond },
              goal: 'NATS at least 0.8x TCP',
              met: systemRatio >= 0.8,
            },
            {
              figure: 'POST /api/v1/visits over NATS, visits/s',
              fiveProcesses: nats.visitsPerSecond,
              anchor: { label: 'five processes over TCP', value: tcp.visitsPerSecond },
              goal: 'NATS at least 0.8x TCP',
              met: visitsRatio >= 0.8,
            },
            {
              figure: 'GET /api/v1/worklist with no collector running over NATS, ms to the 503 (median)',
              fiveProcesses: nats.downAnswer.p50Ms,
              goal: 'within 100 ms',
              met: nats.downAnswer.p50Ms <= 100,
            },
            ...(replicas.length > 0
              ? [
                  {
                    figure: 'POST /api/v1/visits, two collector replicas on PostgreSQL, visits/s',
                    fiveProcesses: twoCollectors[1],
                    anchor: { label: 'one collector', value: oneCollector[1] },
                    goal: 'two replicas serve more than one',
                    met: twoCollectors[1] > oneCollector[1],
                  },
                ]
              : []),
          ],
        };
      } finally {
        await broker.stop();
      }
    },
  };
}
