import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD, phone } from '../support/demo-users.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type HttpReply, type RunningSystem } from '../support/system-harness.js';

/** The test's own address is the trusted proxy; 127.0.0.2, another address of this machine, is any other client. */
const PROXY = '127.0.0.1';
const ELSEWHERE = '127.0.0.2';

describe('login throttle behind a trusted proxy (single mode)', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    // A generous deadline, so that a busy machine's slow password checks are not taken for refusals.
    system = await startSystem({ mode: 'single', env: { TRUSTED_PROXIES: `${PROXY}/32`, RPC_TIMEOUT_MS: '15000' } });
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  /** A login as it reaches the gateway: from `from`, naming `forwardedFor` when it passes a proxy. */
  async function attempt(json: Record<string, unknown>, forwardedFor?: string, from = PROXY): Promise<HttpReply & { ms: number }> {
    const started = performance.now();
    const headers: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
    const reply = await system.request('/api/v1/auth/login', { method: 'POST', json, headers, from });
    return { ...reply, ms: performance.now() - started };
  }

  async function failTimes(username: string, times: number, forwardedFor?: string, from = PROXY): Promise<void> {
    for (let i = 0; i < times; i += 1) {
      expect((await attempt({ username, password: `wrong-${i}` }, forwardedFor, from)).status).toBe(401);
    }
  }

  it('takes the client address from X-Forwarded-For of the trusted proxy, and from the connection of anyone else', async () => {
    await failTimes('supervisor2', 5, '198.51.100.1');
    expect((await attempt({ username: 'supervisor2', password: DEMO_PASSWORD }, '198.51.100.1')).status).toBe(429);
    expect((await attempt({ username: 'supervisor2', password: DEMO_PASSWORD }, '198.51.100.2')).status).toBe(200);

    const collector2 = { username: 'collector2', password: DEMO_PASSWORD, ...phone('android-c2-throttle') };
    await failTimes('collector2', 5, '198.51.100.3', ELSEWHERE);
    const spoofed = await attempt(collector2, '198.51.100.4', ELSEWHERE);
    expect(spoofed.status).toBe(429);
    expect(spoofed.body.code).toBe('too-many-login-attempts');
    expect((await attempt(collector2, '198.51.100.3')).status).toBe(200);
  });

  it('stops one address spraying a password across usernames after twenty failures, for every username there', async () => {
    for (let i = 0; i < 20; i += 1) {
      expect((await attempt({ username: `sprayed${i}`, password: 'Jakarta2024!' }, '198.51.100.20')).status).toBe(401);
    }
    const stopped = await attempt({ username: 'admin', password: DEMO_PASSWORD }, '198.51.100.20');
    expect(stopped.status).toBe(429);
    expect(stopped.body).toMatchObject({ code: 'too-many-login-attempts', detail: 'Too many failed logins from this network; try again in 15 minutes' });
    expect(Number(stopped.headers.get('retry-after'))).toBeGreaterThan(800);
    expect((await attempt({ username: 'admin', password: DEMO_PASSWORD }, '198.51.100.21')).status).toBe(200);
  });

  it('lets the real user in from another address, whatever an attacker does from one', async () => {
    await failTimes('supervisor1', 5, '203.0.113.5');
    for (let i = 0; i < 30; i += 1) expect((await attempt({ username: 'supervisor1', password: `guess-${i}` }, '203.0.113.5')).status).toBe(429);
    expect((await attempt({ username: 'supervisor1', password: DEMO_PASSWORD }, '198.51.100.30')).status).toBe(200);
  });

  it('slows, and never locks, a username failing from many addresses', async () => {
    for (const address of ['203.0.113.11', '203.0.113.12', '203.0.113.13']) await failTimes('collector1', 5, address);
    const real = await attempt({ username: 'collector1', password: DEMO_PASSWORD, ...phone('android-c1-throttle') }, '198.51.100.40');
    expect(real.status).toBe(200);
    // Fifteen failures: each attempt waits 2 s before its password is checked.
    expect(real.ms).toBeGreaterThanOrEqual(1900);
    expect(real.ms).toBeLessThan(10_000);
  });

  /** How long the gateway took to answer a request, from its access log: the client's own queueing and handshakes left out. */
  function answeredInMs(reply: HttpReply): number {
    const requestId = reply.headers.get('x-request-id');
    const line = system.logOf('main').find((entry) => entry.requestId === requestId && entry.context === 'http');
    if (!line) throw new Error(`no access log line for request ${requestId}`);
    return Number(line.durationMs);
  }

  it('answers a flood of logins beyond the password checks it can run with a quick 503, and a real login still gets through', async () => {
    const wave = (from: number) =>
      Array.from({ length: 50 }, (_, i) => attempt({ username: `flood${from + i}`, password: 'wrong-password' }, `10.1.${from}.${i}`));
    const first = wave(0);
    const real = (async () => {
      for (let tries = 1; tries <= 6; tries += 1) {
        const reply = await attempt({ username: 'admin', password: DEMO_PASSWORD }, '198.51.100.50');
        if (reply.status !== 503) return { reply, tries };
        await new Promise((resolve) => setTimeout(resolve, Number(reply.headers.get('retry-after')) * 1000));
      }
      throw new Error('the real login never got through');
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const flood = await Promise.all([...first, ...wave(1)]);

    const refused = flood.filter((reply) => reply.status === 503);
    const checked = flood.filter((reply) => reply.status === 401);
    expect(refused.length + checked.length).toBe(flood.length);
    expect(refused.length).toBeGreaterThan(50);
    for (const reply of refused) {
      expect(reply.body.code).toBe('login-busy');
      expect(reply.headers.get('retry-after')).toBe('1');
    }
    // Past the queue a check is refused at once: most refusals take no password check's time at all.
    const refusedInMs = refused.map(answeredInMs).sort((a, b) => a - b);
    expect(refusedInMs[Math.floor(refusedInMs.length / 2)]).toBeLessThan(1500);
    const { reply, tries } = await real;
    expect(reply.status).toBe(200);
    expect(tries).toBeLessThanOrEqual(6);
  });
});
