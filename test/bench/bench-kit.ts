import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { startSystem, type RunningSystem, type SystemOptions } from '../support/system-harness.js';

export interface LoadResult {
  requestsPerSecond: number;
  /** Answers with a 2xx status per second: what the endpoint actually got done. */
  successesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  url: string;
  connections?: number;
  durationSeconds?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Requests made afresh each time (bodies with new ids), and a look at each answer. */
  requests?: autocannon.Request[];
}

/** Drives one URL with autocannon over keep-alive connections, from this process. */
export async function measureLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections ?? 16,
    duration: options.durationSeconds ?? 6,
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
    requests: options.requests,
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    successesPerSecond: Math.round((10 * result['2xx']) / result.duration) / 10,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/** Starts a system for one measurement and stops it however the measurement ends. */
export async function withSystem<T>(options: SystemOptions, work: (system: RunningSystem) => Promise<T>): Promise<T> {
  const system = await startSystem(options);
  try {
    return await work(system);
  } finally {
    await system.stop();
  }
}

/** Seconds since a `process.hrtime.bigint()` reading. */
export function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export function machineLine(): string {
  return `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown cpu'}), Node ${process.version}`;
}

/** A markdown table from rows of cells. */
export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export interface BenchSection {
  title: string;
  markdown: string;
  /** The benchmark's headline figures, for the summary table at the top of the document. */
  summary?: SummaryFigure[];
}

/** One headline figure: what one process and five processes reached, next to an anchor and a goal. */
export interface SummaryFigure {
  /** What is measured, with its unit: `GET /api/v1/system, requests/s`. */
  figure: string;
  oneProcess?: number;
  fiveProcesses?: number;
  /** What the figure is compared with (a bare server, nginx, the disk...); the ratio is five processes (else one) to it. */
  anchor?: { label: string; value: number };
  /** The goal in words, and whether this run met it; null when the figure has no goal. */
  goal?: string;
  met?: boolean | null;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchSection>;
}

export interface TransferResult {
  megabytesPerSecond: number;
  downloads: number;
  failures: number;
}

/**
 * Downloads one URL `downloads` times with curl, `clients` at once over
 * keep-alive connections, and measures the bytes per second. curl, not
 * autocannon: autocannon parses every body in JavaScript and tops out far
 * below what either server sends on loopback.
 */
export async function measureTransfer(url: string, options: { clients: number; downloads: number }): Promise<TransferResult> {
  const config = Array.from({ length: options.downloads }, () => `url = "${url}"\noutput = "/dev/null"\n`).join('');
  const args = ['--silent', '--config', '-', '--write-out', '%{http_code} %{size_download}\\n'];
  if (options.clients > 1) args.push('--parallel', '--parallel-max', String(options.clients));
  const started = process.hrtime.bigint();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('curl', args, { stdio: ['pipe', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`curl exited with ${code}`))));
    child.stdin.end(config);
  });
  const seconds = secondsSince(started);
  const transfers = output
    .trim()
    .split('\n')
    .map((line) => line.split(' '));
  const bytes = transfers.reduce((sum, [, size]) => sum + Number(size), 0);
  return {
    megabytesPerSecond: Math.round(bytes / 1e6 / seconds),
    downloads: transfers.length,
    failures: transfers.filter(([status]) => status !== '200').length,
  };
}
