import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../support/demo-users.js';
import { freePorts } from '../support/free-ports.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem } from '../support/system-harness.js';
import { waitFor } from '../support/wait-for.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('replicas beside a five-process system on SQLite', () => {
  let system: RunningSystem;
  let secondGateway: number;

  beforeAll(async () => {
    system = await startSystem({ mode: 'split', env: { REDIS_URL, RPC_TIMEOUT_MS: '15000' } });
    [secondGateway] = await freePorts(1);
    system.startReplica('gateway', { GATEWAY_PORT: String(secondGateway) });
    const ready = await waitFor(
      () =>
        system.request('/health/ready', { gatewayPort: secondGateway }).then(
          (reply) => reply.status,
          () => 0,
        ),
      (status) => status === 200,
      45_000,
    );
    expect(ready).toBe(200);
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  it('two gateways share the login throttle through Redis: failures on both lock the pair on both', async () => {
    // A username and an address of this run alone: Redis outlives the test, and its counters last 15 minutes.
    const username = `ghost-${randomUUID().slice(0, 8)}`;
    const from = `127.0.${1 + Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`;
    const login = (gatewayPort: number | undefined, password: string) =>
      system.request('/api/v1/auth/login', { method: 'POST', json: { username, password }, from, gatewayPort });
    for (const gatewayPort of [undefined, secondGateway, undefined]) expect((await login(gatewayPort, 'wrong')).status).toBe(401);
    expect((await login(secondGateway, 'wrong')).status).toBe(401);
    expect((await login(undefined, 'wrong')).status).toBe(401);
    for (const gatewayPort of [secondGateway, undefined]) {
      const locked = await login(gatewayPort, DEMO_PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe('too-many-login-attempts');
    }
  });

  it('a second database service on the same SQLite file refuses to start, and the first one goes on serving', async () => {
    const [otherPort] = await freePorts(1);
    const second = system.startReplica('database', { DATABASE_PORT: String(otherPort) });
    const exit = await second.exited;
    expect(exit.code).toBe(78);
    const said = system.logs.get('database#2')?.join('\n') ?? '';
    expect(said).toContain('another database service already runs on');
    expect(said).toContain('replicas of the database service need PostgreSQL or SQL Server');
    const login = await system.request('/api/v1/auth/login', { method: 'POST', json: { username: 'supervisor1', password: DEMO_PASSWORD } });
    expect(login.status).toBe(200);
  });
});
