import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { hashPassword, verifyPassword } from '#libs/password';
import { DEMO_PASSWORD } from '../support/demo-users.js';
import type { SystemMode } from '../support/system-harness.js';
import { measureLoad, table, withSystem, type Benchmark, type LoadResult } from './bench-kit.js';

const HASH_SAMPLES = 20;
/** Two logins in flight per core keep every core busy without queueing past the RPC deadline. */
const CONNECTIONS = 2 * cpus().length;
const DURATION_SECONDS = 10;

/** The KDF alone: the median time of one verification with the stored cost, one after another in this process. */
async function measureHashMs(): Promise<number> {
  const stored = await hashPassword(DEMO_PASSWORD);
  await verifyPassword(DEMO_PASSWORD, stored);
  const samples: number[] = [];
  for (let i = 0; i < HASH_SAMPLES; i += 1) {
    const started = performance.now();
    await verifyPassword(DEMO_PASSWORD, stored);
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[Math.floor(HASH_SAMPLES / 2)];
}

/** Successful web logins (no phone binding), so every request pays one full verification. */
function measureLogins(mode: SystemMode): Promise<LoadResult> {
  return withSystem({ mode }, (system) =>
    measureLoad({
      url: `${system.gatewayUrl}/api/v1/auth/login`,
      method: 'POST',
      connections: CONNECTIONS,
      durationSeconds: DURATION_SECONDS,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor1', password: DEMO_PASSWORD }),
    }),
  );
}

export function loginBenchmark(): Benchmark {
  return {
    name: 'login',
    async run() {
      const load = loadavg()[0];
      const hashMs = await measureHashMs();
      const cores = cpus().length;
      const bound = Math.round((10 * cores) / (hashMs / 1000)) / 10;
      const single = await measureLogins('single');
      const split = await measureLogins('split');
      const share = (result: LoadResult) => `${Math.round((100 * result.successesPerSecond) / bound)}%`;
      return {
        title: 'POST /api/v1/auth/login: logins/s next to the KDF bound',
        markdown: [
          `scrypt (N=2^15, r=8, p=1) verification takes ${hashMs.toFixed(1)} ms on one core here (median of ${HASH_SAMPLES}), so ${cores} cores can verify at most ${bound} passwords/s: the bound no login path can pass. autocannon, ${CONNECTIONS} keep-alive connections, ${DURATION_SECONDS} s, HTTPS, successful web logins (password check, token issue; no phone binding).`,
          '',
          table(
            ['target', 'logins/s', 'of the KDF bound', 'p50 ms', 'p99 ms', 'errors', 'non-2xx'],
            [
              ['KDF bound (cores / hash time)', bound, '100%', '', '', '', ''],
              ['one process (inproc)', single.successesPerSecond, share(single), single.p50Ms, single.p99Ms, single.errors, single.non2xx],
              ['five processes (TCP)', split.successesPerSecond, share(split), split.p50Ms, split.p99Ms, split.errors, split.non2xx],
            ],
          ),
          '',
          `Logins/s counts 2xx answers only; the machine's one-minute load average was ${load.toFixed(1)} when the run began. What separates a login path from the bound is everything else on the same cores: the load generator, TLS, JSON, the transport hops, and the user lookup.`,
        ].join('\n'),
        summary: [
          {
            figure: 'POST /api/v1/auth/login, logins/s',
            oneProcess: single.successesPerSecond,
            fiveProcesses: split.successesPerSecond,
            anchor: { label: 'KDF bound', value: bound },
          },
        ],
      };
    },
  };
}
