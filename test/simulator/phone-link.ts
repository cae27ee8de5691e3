import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, fetch, type FormData } from 'undici';
import type { FieldMetrics } from './field-metrics.js';

export interface PhoneRequest {
  method?: 'GET' | 'POST';
  path: string;
  token?: string;
  json?: unknown;
  /** Made afresh for each attempt: a multipart body is read once. */
  form?: () => FormData;
  headers?: Record<string, string>;
}

export interface PhoneAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  /** The body as received, for photos. */
  bytes: Buffer;
}

/** A request still failing after the phone's last retry; the phone keeps what it was sending. */
export class RequestFailed extends Error {
  constructor(
    readonly endpoint: string,
    readonly lastOutcome: string,
  ) {
    super(`${endpoint} still failed after ${MAX_ATTEMPTS} attempts: ${lastOutcome}`);
  }
}

/** Answers a phone cannot act on but by trying again later; every other status is the caller's to read. */
const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504, 507]);
/**
 * Exponential backoff with full jitter (each wait a random share of the doubling cap), so
 * that thousands of phones that failed together do not come back together. With these
 * figures a phone keeps trying for about two minutes: longer than a service takes to restart.
 */
const MAX_ATTEMPTS = 24;
const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 8000;
/** A phone waits this long for an answer before it counts the request as lost. */
const ANSWER_TIMEOUT_MS = 30_000;

/**
 * One phone's connection to the gateway: its own HTTPS agent (TLS 1.2, as
 * Android 6.0 speaks), its retries, and the metrics of every attempt.
 */
export class PhoneLink {
  private readonly agent: Agent;

  constructor(
    private readonly origin: string,
    ca: string,
    private readonly metrics: FieldMetrics,
  ) {
    this.agent = new Agent({
      connect: { ca, maxVersion: 'TLSv1.2' },
      connections: 2,
      headersTimeout: ANSWER_TIMEOUT_MS,
      bodyTimeout: ANSWER_TIMEOUT_MS,
    });
  }

  /** Sends a request until it gets an answer the phone can act on; `endpoint` names it in the report. */
  async call<T = any>(endpoint: string, request: PhoneRequest): Promise<PhoneAnswer<T>> {
    let lastOutcome = '';
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (attempt > 1) this.metrics.retried(endpoint);
      const started = performance.now();
      let retryAfterMs = 0;
      try {
        const answer = await this.send<T>(request);
        const retried = RETRIED_STATUSES.has(answer.status);
        lastOutcome = retried ? `http-${answer.status}` : 'ok';
        this.metrics.attempt(endpoint, performance.now() - started, lastOutcome);
        if (!retried) return answer;
        retryAfterMs = Number(answer.headers.get('retry-after') ?? 0) * 1000;
      } catch (error) {
        lastOutcome = networkErrorKind(error);
        this.metrics.attempt(endpoint, performance.now() - started, lastOutcome);
      }
      await sleep(Math.min(BACKOFF_CAP_MS, Math.max(retryAfterMs, backoff(attempt))));
    }
    this.metrics.failed(endpoint);
    throw new RequestFailed(endpoint, lastOutcome);
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private async send<T>(request: PhoneRequest): Promise<PhoneAnswer<T>> {
    const headers: Record<string, string> = { ...request.headers };
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    let body: string | FormData | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form) {
      body = request.form();
    }
    const response = await fetch(`${this.origin}${request.path}`, { method: request.method ?? 'GET', headers, body, dispatcher: this.agent });
    const bytes = Buffer.from(await response.arrayBuffer());
    const json = (response.headers.get('content-type') ?? '').includes('json') && bytes.length > 0;
    const parsed = json ? JSON.parse(bytes.toString('utf8')) : bytes.toString('utf8');
    return { status: response.status, headers: response.headers as unknown as Headers, body: parsed as T, bytes };
  }
}

function backoff(attempt: number): number {
  return Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
}

/** What went wrong on the way, by the code undici or the socket gives. */
function networkErrorKind(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause ?? (error as { code?: string });
  switch (cause?.code) {
    case 'UND_ERR_SOCKET':
    case 'ECONNRESET':
    case 'EPIPE':
      return 'connection-lost';
    case 'ECONNREFUSED':
      return 'connection-refused';
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'timeout';
    default:
      return cause?.code ? `network-${cause.code}` : `network-${(error as Error).message}`;
  }
}
