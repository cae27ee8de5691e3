import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { APP_NAMES } from '#libs/contract';
import { login, phone, type Session } from '../support/demo-users.js';
import { sendVisits, submitVisits, uploadPhoto, visitOf, worklistOf } from '../support/field-visits.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem } from '../support/system-harness.js';
import { jpegPhoto } from '../support/test-photos.js';
import { waitFor } from '../support/wait-for.js';

/** How long an app may take to come back: seconds when idle, much longer on a loaded machine. */
const RECOVERY_MS = 60000;
/** Five failing starts and 7.5 s of waits between them; each start takes seconds on a loaded machine. */
const GIVE_UP_MS = 150000;

/**
 * `npm run start:split` keeps the architecture's promise: an app that crashes
 * is reported and restarted by the launcher while the other four keep serving;
 * one that cannot start is given up loudly; Ctrl-C still stops them all.
 */
describe('the launcher of npm run start:split', () => {
  let system: RunningSystem;
  let collector: Session;
  let admin: string;
  let assignments: string[];

  beforeAll(async () => {
    system = await startSystem({ mode: 'split' });
    collector = await login(system, 'collector1', phone('supervision-c1'));
    admin = (await login(system, 'admin')).token;
    assignments = (await worklistOf(system, collector)).assignments.map((assignment) => assignment.id);
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  const readiness = () => system.request('/health/ready');
  const crashReportOf = (pid: number) => system.launcherEvents('crashed').find((line) => line.child.pid === pid);
  const servicePid = async (service: string) => {
    const reply = await system.request('/api/v1/system', { token: admin });
    return reply.body.services.find((line: { service: string }) => line.service === service);
  };

  it(
    'restarts media after kill -9 while the other four keep serving, and readiness recovers by itself',
    async () => {
      const killed = system.process('media').pid;
      await system.kill('media');

      // The launcher waits half a second before restarting, and the app then needs its start-up time.
      const notReady = await readiness();
      expect(notReady.status).toBe(503);
      expect(notReady.headers.get('retry-after')).toBe('5');
      expect(notReady.body).toMatchObject({ code: 'not-ready', down: ['media'], services: { collector: 'up', database: 'up', media: 'down', ota: 'up' } });
      expect((await system.request('/health')).status).toBe(200);
      expect(crashReportOf(killed)).toMatchObject({
        level: 50,
        child: { app: 'media', pid: killed },
        exit: { code: null, signal: 'SIGKILL' },
        restartInMs: 500,
        msg: `media (pid ${killed}) crashed: killed by SIGKILL; restarting it in 0.5 s`,
      });
      const supervisor = await login(system, 'supervisor1');
      expect(supervisor.user.username).toBe('supervisor1');
      const [visit] = await submitVisits(system, collector, [visitOf(assignments[0], 'HOUSE_EMPTY')]);
      expect(visit.status).toBe('created');

      const ready = await waitFor(readiness, (reply) => reply.status === 200, RECOVERY_MS);
      expect(ready.body.services).toEqual({ collector: 'up', database: 'up', media: 'up', ota: 'up' });
      const restarted = system.process('media').pid;
      expect(restarted).not.toBe(killed);
      expect(system.launcherEvents('started').at(-1)).toMatchObject({ child: { app: 'media', pid: restarted } });
      expect(await servicePid('media')).toMatchObject({ up: true, pid: restarted });
      expect((await uploadPhoto(system, collector.token, await jpegPhoto(601))).status).toBe(201);
    },
    2 * RECOVERY_MS,
  );

  it(
    'restarts the database after kill -9: requests needing it get 503 with Retry-After meanwhile, then work again by themselves',
    async () => {
      const killed = system.process('database').pid;
      const visit = visitOf(assignments[1], 'HOUSE_EMPTY');
      await system.kill('database');

      const meanwhile = await sendVisits(system, collector.token, [visit]);
      // Asked after the visit: the database only comes back, so down now means down for the visit too.
      const notReady = await readiness();
      expect(notReady.status).toBe(503);
      expect(notReady.body).toMatchObject({ down: ['database'], services: { collector: 'up', database: 'down', media: 'up', ota: 'up' } });
      expect(meanwhile.status).toBe(503);
      expect(meanwhile.headers.get('retry-after')).toBe('5');
      expect(meanwhile.body).toMatchObject({ code: 'service-unavailable', service: 'database' });
      expect((await system.request('/health')).status).toBe(200);
      expect(crashReportOf(killed)).toMatchObject({ child: { app: 'database', pid: killed }, exit: { code: null, signal: 'SIGKILL' }, restartInMs: 500 });

      const ready = await waitFor(readiness, (reply) => reply.status === 200, RECOVERY_MS);
      expect(ready.status).toBe(200);
      expect((await login(system, 'supervisor1')).user.username).toBe('supervisor1');
      const [resent] = await submitVisits(system, collector, [visit]);
      expect(resent.status).toBe('created');
      expect(await servicePid('database')).toMatchObject({ up: true, pid: system.process('database').pid });
    },
    2 * RECOVERY_MS,
  );

  it(
    'gives up loudly on an app that keeps crashing at start, keeps the others serving, and starts it again when asked',
    async () => {
      await system.stopApp('media');
      const crashesBefore = system.launcherEvents('crashed').length;
      // Another program holding the app's port makes every start fail at once.
      system.expectCrashes('media');
      const squatter = await holdPort(Number(system.env.MEDIA_PORT));
      try {
        await system.startStoppedApps();
        const gaveUp = await waitFor(() => system.launcherEvents('gave-up')[0], Boolean, GIVE_UP_MS);
        expect(gaveUp).toMatchObject({ level: 60, child: { app: 'media' }, exit: { code: 1, signal: null }, crashes: 5 });
        expect(gaveUp.msg).toBe(
          `media (pid ${gaveUp.child.pid}) crashed 5 times in a row without staying up, last with exit code 1: ` +
            `giving up on it; the other apps keep running; kill -USR2 ${system.process('launcher').pid} starts it again`,
        );
        const crashes = system.launcherEvents('crashed').slice(crashesBefore);
        expect(crashes.map((line) => line.restartInMs)).toEqual([500, 1000, 2000, 4000]);
        expect(system.logs.get('media')!.some((line) => line.includes('EADDRINUSE'))).toBe(true);

        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(system.launcherEvents().at(-1)).toMatchObject({ event: 'gave-up' });
        expect(() => system.process('media')).toThrow('media is not running');
        expect((await system.request('/health')).status).toBe(200);
        expect((await readiness()).body.down).toEqual(['media']);
        expect((await login(system, 'supervisor1')).user.username).toBe('supervisor1');
      } finally {
        await new Promise((resolve) => squatter.close(resolve));
      }

      await system.startStoppedApps();
      const ready = await waitFor(readiness, (reply) => reply.status === 200, RECOVERY_MS);
      expect(ready.status).toBe(200);
    },
    GIVE_UP_MS + 2 * RECOVERY_MS,
  );

  it('refuses a bad configuration with exit code 78 before starting any app', async () => {
    const result = await system.runCommand('apps/main/src/split.js', [], { MEDIA_PORT: 'eighty' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('MEDIA_PORT');
    expect(result.stdout).toBe('');
  });

  it('stops all five apps on SIGINT and exits 0, leaving no process behind', async () => {
    const pids = APP_NAMES.map((app) => system.process(app).pid);
    const eventsBefore = system.launcherEvents().length;
    process.kill(system.process('launcher').pid, 'SIGINT');

    expect(await system.exited).toEqual({ code: 0, signal: null });
    expect(pids.filter(isAlive)).toEqual([]);
    expect(
      system
        .launcherEvents()
        .slice(eventsBefore)
        .map((line) => line.event),
    ).toEqual(['stopping', 'stopped']);
  });
});

/** Listens on a port as another program would, dropping every connection. */
function holdPort(port: number): Promise<Server> {
  const server = createServer((socket) => socket.destroy());
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
