import { setTimeout as sleep } from 'node:timers/promises';
import { createSecureContext, type SecureContext } from 'node:tls';
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
    /** What each attempt got, in order: the last one is why the phone gave up. */
    readonly outcomes: string[],
  ) {
    super(`${endpoint} still failed after ${outcomes.length} attempts (${tally(outcomes)}), the last one ${outcomes.at(-1)}`);
  }
}

/** Answers a phone cannot act on but by trying again later; every other status is the caller's to read. */
const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504, 507]);
/**
 * Exponential backoff with full jitter (each wait a random share of the doubling cap), so
 * that thousands of phones that failed together do not come back together. With these
 * figures a phone keeps trying for about two minutes of failures: longer than a service
 * takes to restart.
 */
const MAX_FAILED_ATTEMPTS = 24;
/**
 * An answer that says when to come back (`Retry-After`: a busy gateway, a service
 * restarting) is the server pacing the phone, not a failure: the phone follows it
 * without using up its attempts, up to this many such answers for one request.
 */
const MAX_PACED_ANSWERS = 120;
const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 8000;
/** A phone waits this long for an answer before it counts the request as lost. */
const ANSWER_TIMEOUT_MS = 30_000;

/**
 * The phones' TLS settings, made once per certificate: a context built for each
 * connection parses the certificate again, CPU the simulator needs for its phones.
 */
const tlsContexts = new Map<string, SecureContext>();

function phoneTlsContext(ca: string): SecureContext {
  let context = tlsContexts.get(ca);
  if (!context) {
    context = createSecureContext({ ca, maxVersion: 'TLSv1.2' });
    tlsContexts.set(ca, context);
  }
  return context;
}

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
      connect: { secureContext: phoneTlsContext(ca) },
      connections: 2,
      headersTimeout: ANSWER_TIMEOUT_MS,
      bodyTimeout: ANSWER_TIMEOUT_MS,
    });
  }

  /** Sends a request until it gets an answer the phone can act on; `endpoint` names it in the report. */
  async call<T = any>(endpoint: string, request: PhoneRequest): Promise<PhoneAnswer<T>> {
    const outcomes: string[] = [];
    let failed = 0;
    let paced = 0;
    for (let attempt = 1; failed < MAX_FAILED_ATTEMPTS && paced < MAX_PACED_ANSWERS; attempt++) {
      if (attempt > 1) this.metrics.retried(endpoint);
      const started = performance.now();
      let retryAfterMs = 0;
      try {
        const answer = await this.send<T>(request);
        const retried = RETRIED_STATUSES.has(answer.status);
        const outcome = retried ? retriedOutcome(answer) : 'ok';
        this.metrics.attempt(endpoint, performance.now() - started, outcome);
        if (!retried) return answer;
        outcomes.push(outcome);
        retryAfterMs = Number(answer.headers.get('retry-after') ?? 0) * 1000;
        if (retryAfterMs > 0) paced += 1;
        else failed += 1;
      } catch (error) {
        const outcome = networkErrorKind(error);
        this.metrics.attempt(endpoint, performance.now() - started, outcome);
        outcomes.push(outcome);
        failed += 1;
      }
      await sleep(Math.min(BACKOFF_CAP_MS, Math.max(retryAfterMs, backoff(attempt))));
    }
    const failure = new RequestFailed(endpoint, outcomes);
    this.metrics.failed(failure);
    throw failure;
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

/** The status and, when the server named it, the problem's code: a busy gateway and a service that is down both answer 503. */
function retriedOutcome(answer: PhoneAnswer): string {
  const code = typeof answer.body === 'object' && answer.body !== null ? answer.body.code : undefined;
  return typeof code === 'string' ? `http-${answer.status} ${code}` : `http-${answer.status}`;
}

/** `timeout x20, connection-lost x4`: each kind of outcome with its count, in the order first seen. */
function tally(outcomes: string[]): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  return [...counts].map(([outcome, count]) => `${outcome} x${count}`).join(', ');
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
    case 'UND_ERR_CONNECT_TIMEOUT':
      // The TCP connection or the TLS handshake did not complete: the server never saw the request.
      return 'connect-timeout';
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return 'timeout';
    default:
      return cause?.code ? `network-${cause.code}` : `network-${(error as Error).message}`;
  }
}
