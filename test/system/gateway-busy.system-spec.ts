import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type TLSSocket } from 'node:tls';
import { DEMO_PASSWORD } from '../support/demo-users.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem } from '../support/system-harness.js';
import { waitFor } from '../support/wait-for.js';

const MAX_IN_FLIGHT = 2;

/**
 * A request the gateway has begun but cannot finish: its head and the first
 * bytes of its body are sent, the rest never comes (until the connection closes).
 */
function heldLogin(port: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      socket.write('POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user');
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

describe('the gateway bounds the API requests it works on at once (GATEWAY_MAX_IN_FLIGHT)', () => {
  let system: RunningSystem;
  const held: TLSSocket[] = [];

  beforeAll(async () => {
    // A long grace, so that the held requests stay in flight for the whole test.
    system = await startSystem({ mode: 'single', env: { GATEWAY_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT), HTTP_BODY_GRACE_MS: '60000' } });
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await system?.stop();
  });

  const login = () => system.request('/api/v1/auth/login', { method: 'POST', json: { username: 'admin', password: DEMO_PASSWORD } });

  it('takes requests up to the bound', async () => {
    expect((await login()).status).toBe(200);
  });

  it('answers 503 gateway-busy with Retry-After at once past the bound, while health still answers', async () => {
    const port = Number(system.env.GATEWAY_PORT);
    for (let n = 0; n < MAX_IN_FLIGHT; n++) held.push(await heldLogin(port));
    // The held requests count from the moment the gateway has read their heads.
    const refused = await waitFor(login, (reply) => reply.status === 503, 10_000);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 503, code: 'gateway-busy', instance: '/api/v1/auth/login' });
    expect(refused.body.detail).toContain(`${MAX_IN_FLIGHT} requests`);
    expect((await system.request('/health')).status).toBe(200);
    expect((await system.request('/health/ready')).status).toBe(200);
  });

  it('takes requests again once one in flight ends, even cut off by its client', async () => {
    held.shift()!.destroy();
    const admitted = await waitFor(login, (reply) => reply.status !== 503, 10_000);
    expect(admitted.status).toBe(200);
    expect(admitted.body.user.username).toBe('admin');
    // One held request is left: the bound counts it still, and the answered ones no more.
    held.push(await heldLogin(Number(system.env.GATEWAY_PORT)));
    const refusedAgain = await waitFor(login, (reply) => reply.status === 503, 10_000);
    expect(refusedAgain.body.code).toBe('gateway-busy');
  });
});
