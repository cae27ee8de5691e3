import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem } from '../support/system-harness.js';
import { login } from '../support/demo-users.js';
import { testEngines } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';

interface ServiceLine {
  service: string;
  up: boolean;
  pid?: number;
  version?: string;
  uptimeSeconds?: number;
  reason?: string;
  details?: { engine?: string; migrations?: { name: string }[] };
}

describe.each(testEngines())('runtime on %s', (engine) => {
  describe.each(['split', 'single'] as const)('%s mode', (mode) => {
    let system: RunningSystem;
    let admin: string;

    beforeAll(async () => {
      system = await startSystem({ mode, engine });
      admin = (await login(system, 'admin')).token;
    }, SYSTEM_START_TIMEOUT_MS);

    afterAll(async () => {
      await system?.stop();
    });

    it('answers liveness and readiness naming every service', async () => {
      const live = await system.request('/health');
      expect(live.status).toBe(200);
      expect(live.body.status).toBe('ok');
      const ready = await system.request('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ready', services: { collector: 'up', database: 'up', media: 'up', ota: 'up' } });
    });

    it('gathers every service through the transport on GET /api/v1/system', async () => {
      const reply = await system.request<{ services: ServiceLine[] }>('/api/v1/system', { token: admin });
      expect(reply.status).toBe(200);
      const services = reply.body.services;
      expect(services.map((s) => s.service).sort()).toEqual(['collector', 'database', 'gateway', 'media', 'ota']);
      expect(services.every((s) => s.up && s.version === '0.1.0' && typeof s.uptimeSeconds === 'number')).toBe(true);
      const pids = new Set(services.map((s) => s.pid));
      if (mode === 'split') {
        expect(pids.size).toBe(5);
        for (const s of services) expect(s.pid).toBe(system.process(s.service as 'gateway').pid);
      } else {
        expect([...pids]).toEqual([system.process('main').pid]);
      }
      const database = services.find((s) => s.service === 'database')!;
      expect(database.details?.engine).toBe(engine === 'sqlite' ? 'better-sqlite3' : 'postgres');
      expect(database.details?.migrations?.map((m) => m.name)).toContain('CreateAuditTrail1764300000000');
    });

    it('carries the caller request id into the logs of every service on the path', async () => {
      const requestId = `trace-${mode}-${engine}-0001`;
      const reply = await system.request('/api/v1/system', { token: admin, headers: { 'x-request-id': requestId } });
      expect(reply.headers.get('x-request-id')).toBe(requestId);
      const logged = await waitFor(
        () => [...system.logs.keys()].flatMap((target) => system.logOf(target)).filter((line) => line.requestId === requestId),
        (lines) => new Set(lines.map((line) => line.app)).size === 5,
      );
      expect(new Set(logged.map((line) => line.app))).toEqual(new Set(['gateway', 'collector', 'database', 'media', 'ota']));
    });

    it('keeps the system page for admins', async () => {
      expect((await system.request('/api/v1/system')).status).toBe(401);
      const supervisor = await login(system, 'supervisor1');
      const refused = await system.request('/api/v1/system', { token: supervisor.token });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('forbidden');
    });

    it('answers an unknown route with a problem+json 404', async () => {
      const reply = await system.request('/api/v1/no-such-thing');
      expect(reply.status).toBe(404);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(reply.body).toMatchObject({ status: 404, code: 'not-found', instance: '/api/v1/no-such-thing' });
    });

    it('refuses malformed JSON with a problem+json 400', async () => {
      const reply = await system.request('/api/v1/system', {
        method: 'POST',
        body: '{"broken": ',
        headers: { 'content-type': 'application/json' },
      });
      expect(reply.status).toBe(400);
      expect(reply.body.code).toBe('malformed-json');
    });

    it('serves the OpenAPI document', async () => {
      const reply = await system.request('/docs-json');
      expect(reply.status).toBe(200);
      expect(Object.keys(reply.body.paths)).toEqual(expect.arrayContaining(['/api/v1/system', '/health/ready']));
    });

    if (mode === 'split') {
      it('reports the database down within seconds when its process is stopped, and recovers when it is back', async () => {
        await system.stopApp('database');
        const started = Date.now();
        const notReady = await system.request('/health/ready');
        expect(Date.now() - started).toBeLessThan(5000);
        expect(notReady.status).toBe(503);
        expect(notReady.headers.get('retry-after')).toBe('5');
        expect(notReady.headers.get('content-type')).toContain('application/problem+json');
        expect(notReady.body.down).toEqual(['database']);
        expect(notReady.body.services).toEqual({ collector: 'up', database: 'down', media: 'up', ota: 'up' });
        expect((await system.request('/health')).status).toBe(200);
        const needsDatabase = await system.request('/api/v1/system', { token: admin });
        expect(needsDatabase.status).toBe(503);
        expect(needsDatabase.body).toMatchObject({ code: 'service-unavailable', service: 'database' });

        await system.startStoppedApps();
        await system.waitUntilReady();
        const ready = await system.request('/health/ready');
        expect(ready.status).toBe(200);
        expect((await system.request('/api/v1/system', { token: admin })).status).toBe(200);
      });

      it('answers 503 quickly when a service hangs, never waiting for it', async () => {
        const media = system.process('media');
        process.kill(media.pid, 'SIGSTOP');
        try {
          const started = Date.now();
          const reply = await system.request('/health/ready');
          expect(Date.now() - started).toBeLessThan(4000);
          expect(reply.status).toBe(503);
          expect(reply.body.down).toEqual(['media']);
          expect((await system.request('/health')).status).toBe(200);
        } finally {
          process.kill(media.pid, 'SIGCONT');
        }
        const ready = await waitFor(
          () => system.request('/health/ready'),
          (r) => r.status === 200,
        );
        expect(ready.status).toBe(200);
      });
    }
  });
});
