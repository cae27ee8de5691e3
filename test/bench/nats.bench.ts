import { login, phone, type Session } from '../support/demo-users.js';
import { sendVisits, visitOf, worklistOf } from '../support/field-visits.js';
import { NatsBroker } from '../support/nats-broker.js';
import type { RunningSystem } from '../support/system-harness.js';
import type { TestEngine } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';
import { measureLoad, table, withSystem, type Benchmark, type LoadResult } from './bench-kit.js';
import { measureBareServer } from './system-endpoint.bench.js';

const SYSTEM_PATH = '/api/v1/system';
const VISITS_PER_REQUEST = 50;
const VISIT_CONNECTIONS = 8;
const DURATION_SECONDS = Number(process.env.BENCH_NATS_SECONDS ?? 8);
const BENCH_ENV = { DEMO_ACCOUNTS_PER_COLLECTOR: '40', LOG_LEVEL: 'warn', RPC_TIMEOUT_MS: '15000' };
/** A photo of the default MEDIA_MAX_BYTES in a message needs about 14 MB. */
const MAX_PAYLOAD = '16MB';

interface TransportFigures {
  system: LoadResult;
  visitsPerSecond: number;
  visits: LoadResult;
}

/** Uploads batches of new NOT_MET visits as fast as the system stores them; visits/s counts `created` results. */
async function measureVisits(system: RunningSystem, session: Session): Promise<{ load: LoadResult; visitsPerSecond: number }> {
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
          body: JSON.stringify({ visits: Array.from({ length: VISITS_PER_REQUEST }, () => visitOf(assignments[sequence++ % assignments.length], 'NOT_MET')) }),
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

async function measureTransport(env: Record<string, string>): Promise<TransportFigures & { bare: LoadResult }> {
  return withSystem({ mode: 'split', env: { ...BENCH_ENV, ...env } }, async (system) => {
    const admin = { authorization: `Bearer ${(await login(system, 'admin')).token}` };
    const sample = await system.request(SYSTEM_PATH, { headers: admin });
    const bare = await measureBareServer(system, sample.text);
    const systemLoad = await measureLoad({ url: `${system.gatewayUrl}${SYSTEM_PATH}`, headers: admin, durationSeconds: DURATION_SECONDS });
    const visits = await measureVisits(system, await login(system, 'collector1', phone('bench-nats-0001')));
    return { bare, system: systemLoad, visits: visits.load, visitsPerSecond: visits.visitsPerSecond };
  });
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
async function measureReplicas(broker: NatsBroker, engine: TestEngine): Promise<[string, number, LoadResult][]> {
  const env = { ...BENCH_ENV, TRANSPORT: 'nats', NATS_URL: broker.url };
  return withSystem({ mode: 'split', engine, env }, async (system) => {
    const session = await login(system, 'collector1', phone('bench-nats-0002'));
    const [first] = (await worklistOf(system, session)).assignments;
    await warmUp(system, session, first.id);
    const rows: [string, number, LoadResult][] = [];
    const one = await measureVisits(system, session);
    rows.push(['one collector, one database service', one.visitsPerSecond, one.load]);
    system.startReplica('collector');
    await listening(broker, 'collector', 2);
    await warmUp(system, session, first.id);
    const two = await measureVisits(system, session);
    rows.push(['two collector replicas, one database service', two.visitsPerSecond, two.load]);
    system.startReplica('database');
    await listening(broker, 'database', 2);
    await warmUp(system, session, first.id);
    const both = await measureVisits(system, session);
    rows.push(['two collector replicas, two database services', both.visitsPerSecond, both.load]);
    return rows;
  });
}

export function natsBenchmark(): Benchmark {
  return {
    name: 'nats',
    async run() {
      const broker = await NatsBroker.start({ maxPayload: MAX_PAYLOAD });
      try {
        const tcp = await measureTransport({ TRANSPORT: 'tcp' });
        const nats = await measureTransport({ TRANSPORT: 'nats', NATS_URL: broker.url });
        const engine: TestEngine | undefined = process.env.TEST_PG_URL ? 'postgres' : undefined;
        const replicas = engine ? await measureReplicas(broker, engine) : [];
        const systemRatio = nats.system.requestsPerSecond / tcp.system.requestsPerSecond;
        const visitsRatio = nats.visitsPerSecond / tcp.visitsPerSecond;
        const [oneCollector, twoCollectors] = replicas;
        return {
          title: 'TCP and NATS between the services, and collector replicas on PostgreSQL',
          markdown: [
            `Five processes on SQLite, once over TCP and once through a local nats-server ${MAX_PAYLOAD} max_payload (every message signed either way). autocannon over HTTPS, ${DURATION_SECONDS} s per figure: GET ${SYSTEM_PATH} with 16 connections (gateway -> collector -> database, media, ota), and POST /api/v1/visits with ${VISIT_CONNECTIONS} connections, ${VISITS_PER_REQUEST} new NOT_MET visits per request (visits/s counts \`created\` results).`,
            '',
            table(
              ['target', 'system requests/s', 'system p50 / p99 ms', 'visits/s', 'visit requests p50 / p99 ms', 'errors + non-2xx'],
              [
                [
                  'bare Node https server, same bytes as the system page',
                  tcp.bare.requestsPerSecond,
                  `${tcp.bare.p50Ms} / ${tcp.bare.p99Ms}`,
                  '—',
                  '—',
                  tcp.bare.errors + tcp.bare.non2xx,
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
            ...(replicas.length > 0
              ? [
                  `Replicas on PostgreSQL through NATS: one system, replicas added while it runs (visit uploads as above, ${DURATION_SECONDS} s each). Load generator, broker, PostgreSQL and every replica share the machine's cores.`,
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
