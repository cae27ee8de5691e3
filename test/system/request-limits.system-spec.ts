import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD } from '../support/demo-users.js';
import { trickleRequest } from '../support/slow-client.js';
import { waitFor } from '../support/wait-for.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem } from '../support/system-harness.js';

const HEADERS_TIMEOUT_MS = 1500;
const BODY_GRACE_MS = 1500;

/** `{"a":{"a":...}}` as text, `levels` deep, without building it (JSON.stringify would overflow). */
function nestedObjects(levels: number): string {
  return '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
}

/** A request's head, for the raw clients. */
function head(path: string, length: number, extra = ''): string {
  return `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${extra}\r\n`;
}

describe('request limits at the public edge (single mode)', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({ mode: 'single', env: { HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), HTTP_BODY_GRACE_MS: String(BODY_GRACE_MS) } });
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  function postJson(path: string, text: string) {
    return system.request(path, { method: 'POST', body: text, headers: { 'content-type': 'application/json' } });
  }

  /** Asks /health every 25 ms while `work` runs; the slowest answer tells whether the event loop stalled. */
  async function slowestHealthDuring<T>(work: Promise<T>): Promise<{ result: T; slowestMs: number; probes: number }> {
    let done = false;
    let slowestMs = 0;
    let probes = 0;
    const probing = (async () => {
      while (!done) {
        const started = performance.now();
        expect((await system.request('/health')).status).toBe(200);
        slowestMs = Math.max(slowestMs, performance.now() - started);
        probes += 1;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    const result = await work.finally(() => (done = true));
    await probing;
    return { result, slowestMs, probes };
  }

  function problemLines(): Record<string, unknown>[] {
    return system.logOf('main').filter((line) => Number(line.level) >= 50 || /RangeError|stack|\bat /.test(JSON.stringify(line)));
  }

  it('refuses a login whose username is 20,000 nested objects with 400 json-too-deep, logging no error', async () => {
    const reply = await postJson('/api/v1/auth/login', `{"username":${nestedObjects(20_000)},"password":"x"}`);
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body).toMatchObject({ code: 'json-too-deep', detail: 'The request body is JSON nested deeper than 32 levels' });
    expect(problemLines()).toEqual([]);
  });

  it('answers a megabyte of nesting at once while /health keeps answering', async () => {
    const levels = 512 * 1024;
    const { result, slowestMs, probes } = await slowestHealthDuring(
      postJson('/api/v1/auth/login', `{"username":${'['.repeat(levels)}${']'.repeat(levels)},"password":"x"}`),
    );
    expect(result.status).toBe(400);
    expect(result.body.code).toBe('json-too-deep');
    expect(probes).toBeGreaterThan(0);
    expect(slowestMs).toBeLessThan(2000);
    expect(problemLines()).toEqual([]);
  });

  it('refuses an object of 120,000 members (seconds of work to walk) with 400 json-too-wide, while /health keeps answering', async () => {
    const members = Array.from({ length: 120_000 }, (_, i) => `"k${i}":1`).join(',');
    const { result, slowestMs } = await slowestHealthDuring(postJson('/api/v1/auth/login', `{"username":{${members}},"password":"x"}`));
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ code: 'json-too-wide', detail: 'The request body is a JSON object with more than 1000 members' });
    expect(slowestMs).toBeLessThan(2000);
  });

  it('still takes a login, and JSON up to the limits', async () => {
    const login = await system.request('/api/v1/auth/login', { method: 'POST', json: { username: 'admin', password: DEMO_PASSWORD } });
    expect(login.status).toBe(200);
    const atTheLimit = await postJson('/api/v1/auth/login', `{"username":"admin","password":"${DEMO_PASSWORD}","extra":${nestedObjects(31)}}`);
    expect(atTheLimit.status).toBe(400);
    expect(atTheLimit.body).toMatchObject({ code: 'validation-failed', errors: [{ field: 'extra' }] });
  });

  it('refuses JSON in another charset than UTF-8, which the depth check could not read', async () => {
    const reply = await system.request('/api/v1/auth/login', {
      method: 'POST',
      body: Buffer.from(JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }), 'utf16le'),
      headers: { 'content-type': 'application/json; charset=utf-16le' },
    });
    expect(reply.status).toBe(415);
    expect(reply.body).toMatchObject({ code: 'unsupported-media-type', detail: 'JSON must be sent in UTF-8' });
  });

  it('refuses deep JSON on the ota app too, before asking who the caller is', async () => {
    const reply = await system.otaRequest('/api/v1/ota/releases/00000000-0000-4000-8000-000000000000', {
      method: 'PATCH',
      body: '['.repeat(20_000) + ']'.repeat(20_000),
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('json-too-deep');
  });

  it.each([
    ['gateway', 'tls'],
    ['ota', 'tcp'],
  ] as const)('cuts off the %s when headers arrive a byte at a time', async (app, protocol) => {
    const outcome = await trickleRequest({
      protocol,
      port: Number(app === 'gateway' ? system.env.GATEWAY_PORT : system.env.OTA_PORT),
      trickle: head('/api/v1/auth/login', 2) + 'X-Padding: ' + 'x'.repeat(1000),
      chunkSize: 1,
      everyMs: 100,
      timeoutMs: 10_000,
    });
    expect(outcome.closedByServer).toBe(true);
    expect(outcome.reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
    expect(outcome.elapsedMs).toBeLessThan(HEADERS_TIMEOUT_MS + 4000);
  });

  it.each([
    ['gateway', 'tls'],
    ['ota', 'tcp'],
  ] as const)('cuts off the %s when a body trickles below the minimum rate, answering 408 request-too-slow', async (app, protocol) => {
    const body = JSON.stringify({ username: 'admin', password: 'x'.repeat(100) });
    const outcome = await trickleRequest({
      protocol,
      port: Number(app === 'gateway' ? system.env.GATEWAY_PORT : system.env.OTA_PORT),
      head: head(app === 'gateway' ? '/api/v1/auth/login' : '/api/v1/ota/releases/00000000-0000-4000-8000-000000000000', body.length),
      trickle: body,
      chunkSize: 1,
      everyMs: 100,
      timeoutMs: 10_000,
    });
    expect(outcome.closedByServer).toBe(true);
    expect(outcome.reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(outcome.reply).toContain('"code":"request-too-slow"');
    expect(outcome.sentBytes).toBeLessThan(body.length);
    expect(outcome.elapsedMs).toBeLessThan(BODY_GRACE_MS + 4000);
    // The process writes its log line as it closes the connection; the pipe may hand it over a moment after the socket closed.
    const logged = await waitFor(
      () => system.logOf('main').find((line) => line.msg === 'request body arrived too slowly; connection closed' && line.app === app),
      Boolean,
      5000,
    );
    expect(logged).toMatchObject({ level: 40, method: 'POST' });
  });

  it('lets a slow body that keeps coming take longer than the grace period', async () => {
    // 40 KB at 16 KB/s, about 2.5 s: four times the minimum rate of 4 KB/s.
    const body = JSON.stringify({ username: 'admin', password: DEMO_PASSWORD, padding: 'p'.repeat(40_000) });
    const outcome = await trickleRequest({
      protocol: 'tls',
      port: Number(system.env.GATEWAY_PORT),
      head: head('/api/v1/auth/login', body.length, 'Connection: close\r\n'),
      trickle: body,
      chunkSize: 1600,
      everyMs: 100,
      timeoutMs: 15_000,
    });
    expect(outcome.elapsedMs).toBeGreaterThan(BODY_GRACE_MS);
    expect(outcome.sentBytes).toBeGreaterThanOrEqual(body.length);
    expect(outcome.reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(outcome.reply).toContain('"field":"padding"');
  });
});
