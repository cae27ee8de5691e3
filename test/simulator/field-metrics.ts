/** Requests that failed after all their retries, kept whole in the report: each says why it gave up. */
const MAX_FAILURE_EXAMPLES = 10;

/** Per endpoint: every attempt's time, how many were retries, how many requests failed after all their retries. */
export interface EndpointFigures {
  endpoint: string;
  attempts: number;
  retries: number;
  failed: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** What the phones saw: times per endpoint, errors by kind, and the day's counters. */
export class FieldMetrics {
  private readonly latencies = new Map<string, number[]>();
  private readonly retries = new Map<string, number>();
  private readonly failures = new Map<string, number>();
  readonly errors = new Map<string, number>();
  readonly counters = new Map<string, number>();
  readonly failureExamples: string[] = [];

  /** One attempt at a request that got an answer (`ok`, or an error kind such as `http-503`) or none (`connection-lost`...). */
  attempt(endpoint: string, ms: number, outcome: string): void {
    const list = this.latencies.get(endpoint) ?? [];
    list.push(ms);
    this.latencies.set(endpoint, list);
    if (outcome !== 'ok') this.error(outcome);
  }

  retried(endpoint: string): void {
    increment(this.retries, endpoint);
  }

  /** A request the phone gave up on after its last retry; the first few are kept with what each attempt got. */
  failed(failure: { endpoint: string; message: string }): void {
    increment(this.failures, failure.endpoint);
    if (this.failureExamples.length < MAX_FAILURE_EXAMPLES) this.failureExamples.push(failure.message);
  }

  error(kind: string): void {
    increment(this.errors, kind);
  }

  count(counter: string, by = 1): void {
    increment(this.counters, counter, by);
  }

  get requestsFailed(): number {
    return sum(this.failures.values());
  }

  get totalRetries(): number {
    return sum(this.retries.values());
  }

  get totalAttempts(): number {
    return sum([...this.latencies.values()].map((list) => list.length));
  }

  endpoints(): EndpointFigures[] {
    return [...this.latencies].map(([endpoint, list]) => {
      const sorted = [...list].sort((a, b) => a - b);
      return {
        endpoint,
        attempts: sorted.length,
        retries: this.retries.get(endpoint) ?? 0,
        failed: this.failures.get(endpoint) ?? 0,
        p50Ms: percentile(sorted, 0.5),
        p95Ms: percentile(sorted, 0.95),
        p99Ms: percentile(sorted, 0.99),
      };
    });
  }
}

function increment(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** The nearest-rank percentile of sorted times, in whole milliseconds. */
function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]);
}
