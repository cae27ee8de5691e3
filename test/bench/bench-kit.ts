import autocannon from 'autocannon';
import { cpus } from 'node:os';

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
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchSection>;
}
