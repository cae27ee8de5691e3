import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { join } from 'node:path';
import { login } from '../support/demo-users.js';
import type { RunningSystem } from '../support/system-harness.js';
import { freePorts } from '../support/free-ports.js';
import { measureLoad, table, withSystem, type Benchmark, type LoadResult } from './bench-kit.js';

const PATH = '/api/v1/system';

/** The goal of five processes, as a share of the bare HTTPS server sending the same bytes in the same run. */
const GOAL_OF_BARE = 0.3;

/**
 * The anchor: a bare Node HTTPS server answering the same bytes, with the same certificate. Given the
 * entity tag of a copy the client holds, every request sends it in If-None-Match and gets a 304.
 */
export async function measureBareServer(system: RunningSystem, body: string, path = PATH, heldEtag?: string): Promise<LoadResult> {
  const tls = join(system.dataDir, 'tls');
  const server = createServer({ cert: readFileSync(join(tls, 'gateway.crt')), key: readFileSync(join(tls, 'gateway.key')) }, (req, res) => {
    if (heldEtag && req.headers['if-none-match'] === heldEtag) {
      res.writeHead(304, { etag: heldEtag });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  const [port] = await freePorts(1);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  try {
    return await measureLoad({ url: `https://127.0.0.1:${port}${path}`, headers: heldEtag ? { 'if-none-match': heldEtag } : undefined });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

async function measureSystem(system: RunningSystem, headers: Record<string, string>): Promise<LoadResult> {
  return measureLoad({ url: `${system.gatewayUrl}${PATH}`, headers });
}

/** The system page is for admins only. */
async function authHeaders(system: RunningSystem): Promise<Record<string, string>> {
  return { authorization: `Bearer ${(await login(system, 'admin')).token}` };
}

export function systemEndpointBenchmark(): Benchmark {
  return {
    name: 'system',
    async run() {
      const [singleResult, bareResult] = await withSystem({ mode: 'single' }, async (single) => {
        const headers = await authHeaders(single);
        const sample = await single.request(PATH, { headers });
        return [await measureSystem(single, headers), await measureBareServer(single, sample.text)];
      });
      const splitResult = await withSystem({ mode: 'split' }, async (split) => measureSystem(split, await authHeaders(split)));
      const ofBare = splitResult.requestsPerSecond / bareResult.requestsPerSecond;
      const ofOneProcess = splitResult.requestsPerSecond / singleResult.requestsPerSecond;
      const rows = [
        ['bare Node https server, same bytes', bareResult],
        ['one process (inproc)', singleResult],
        ['five processes (TCP)', splitResult],
      ] as const;
      return {
        title: 'GET /api/v1/system: every hop of the runtime',
        markdown: [
          'autocannon, 16 keep-alive connections, 6 s per target, HTTPS with the gateway certificate. The request crosses gateway -> collector -> database and gateway -> media, ota.',
          '',
          table(
            ['target', 'requests/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx'],
            rows.map(([name, r]) => [name, r.requestsPerSecond, r.p50Ms, r.p99Ms, r.errors, r.non2xx]),
          ),
          '',
          `Five processes reach ${ofBare.toFixed(3)}x the bare server (goal: at least ${GOAL_OF_BARE}x) and ${ofOneProcess.toFixed(2)}x one process.`,
        ].join('\n'),
        summary: [
          {
            figure: 'GET /api/v1/system, requests/s',
            oneProcess: singleResult.requestsPerSecond,
            fiveProcesses: splitResult.requestsPerSecond,
            anchor: { label: 'bare Node HTTPS', value: bareResult.requestsPerSecond },
            goal: `${GOAL_OF_BARE}x the bare anchor in five processes`,
            met: ofBare >= GOAL_OF_BARE,
          },
        ],
      };
    },
  };
}
