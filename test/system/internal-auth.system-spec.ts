import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormData } from 'undici';
import { hashPassword } from '#libs/password';
import { AdminMessages, FieldMessages, MediaMessages, OtaMessages, SystemMessages, UserStore, type Actor, type MessageDef } from '#libs/contract';
import { launchApp, type LaunchTarget } from '#libs/runtime';
import { PacketSigner } from '#libs/transport';
import { DEMO_PASSWORD, login, phone, type Session } from '../support/demo-users.js';
import { visitOf, worklistOf } from '../support/field-visits.js';
import { freePorts } from '../support/free-ports.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem } from '../support/system-harness.js';
import { jpegPhoto, sha256Of } from '../support/test-photos.js';
import { waitFor } from '../support/wait-for.js';

const INTRUDER_PASSWORD = 'Intruder-1234';
const INTERNAL_KEY = randomBytes(32).toString('base64url');
const PREVIOUS_KEY = randomBytes(32).toString('base64url');

interface Exchange {
  received: string;
  closed: boolean;
}

/**
 * Writes one packet onto a service's internal port in Nest's TCP framing
 * (`<length>#<json>`), as anyone on the network can, and collects what comes
 * back until the service closes the connection or has answered.
 */
function exchange(port: number, json: string): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let settled = false;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(silence);
      socket.destroy();
      resolve({ received, closed });
    };
    const silence = setTimeout(() => finish(false), 10000);
    socket.on('data', (chunk) => {
      if (received === '') setTimeout(() => finish(false), 300);
      received += chunk.toString();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => finish(true));
    socket.write(`${json.length}#${json}`);
  });
}

interface Attack {
  port: string;
  what: string;
  pattern: string;
  data: unknown;
}

function attack<Request>(port: string, what: string, message: MessageDef<Request, unknown>, data: Request): Attack {
  return { port, what, pattern: message.pattern, data };
}

/** Names an attempt in a failure message, without its data. */
function describeAttack({ port, what, pattern }: Attack): Pick<Attack, 'port' | 'what' | 'pattern'> {
  return { port, what, pattern };
}

/** What came back, cut short so that a failure shows which attempt got data without printing a photo. */
function briefly({ received, closed }: Exchange): Exchange {
  return { received: received.slice(0, 200), closed };
}

function packetOf(attempt: Attack): { pattern: string; data: unknown; id: string } {
  return { pattern: attempt.pattern, data: attempt.data, id: randomUUID() };
}

describe('internal ports, five processes', () => {
  let system: RunningSystem;
  let admin: Session;
  let collector: Session;
  let attacks: Attack[];
  let usersBefore: string[];
  let storedPhoto: string;
  let unstoredPhoto: string;

  const portOf = (name: string) => Number(system.env[name]);
  const usernames = async () =>
    (await system.request('/api/v1/admin/users?limit=200', { token: admin.token })).body.items.map((user: { username: string }) => user.username);
  const loginStatus = async (username: string, password: string) =>
    (await system.request('/api/v1/auth/login', { method: 'POST', json: { username, password } })).status;

  beforeAll(async () => {
    system = await startSystem({ mode: 'split', env: { INTERNAL_KEY, INTERNAL_KEY_PREVIOUS: PREVIOUS_KEY } });
    admin = await login(system, 'admin');
    collector = await login(system, 'collector1', phone('android-internal-auth'));
    const [assignment] = (await worklistOf(system, collector)).assignments;
    const devices = await system.request(`/api/v1/admin/devices?userId=${collector.user.id}&status=active`, { token: admin.token });
    const adminActor: Actor = { userId: admin.user.id, username: 'admin', role: 'admin', branchId: null, deviceId: null };
    const collectorActor: Actor = {
      userId: collector.user.id,
      username: 'collector1',
      role: 'collector',
      branchId: collector.user.branchId,
      deviceId: devices.body.items[0].id,
    };

    const stored = await jpegPhoto(8101);
    storedPhoto = sha256Of(stored);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(stored)], { type: 'image/jpeg' }), 'photo.jpg');
    form.append('sha256', storedPhoto);
    expect((await system.request('/api/v1/media', { method: 'POST', token: collector.token, body: form as unknown as BodyInit })).status).toBe(201);
    const unstored = await jpegPhoto(8102);
    unstoredPhoto = sha256Of(unstored);
    usersBefore = await usernames();

    const passwordHash = await hashPassword(INTRUDER_PASSWORD);
    attacks = [
      attack('DATABASE_PORT', 'list every user', UserStore.list, { limit: 50, offset: 0 }),
      attack('DATABASE_PORT', "read the admin's password hash", UserStore.findByUsername, { username: 'admin' }),
      attack('DATABASE_PORT', 'create an admin', UserStore.create, {
        actorId: admin.user.id,
        username: 'intruder-db',
        fullName: 'Intruder',
        role: 'admin',
        branchId: null,
        passwordHash,
      }),
      attack('DATABASE_PORT', "change the admin's password", UserStore.setPassword, { actorId: admin.user.id, userId: admin.user.id, passwordHash }),
      attack('COLLECTOR_PORT', 'create an admin', AdminMessages.createUser, {
        actor: adminActor,
        username: 'intruder-collector',
        fullName: 'Intruder',
        role: 'admin',
        password: INTRUDER_PASSWORD,
      }),
      attack('COLLECTOR_PORT', "change the admin's password", AdminMessages.resetPassword, {
        actor: adminActor,
        userId: admin.user.id,
        password: INTRUDER_PASSWORD,
      }),
      attack('COLLECTOR_PORT', 'store a visit as a collector', FieldMessages.submitVisits, {
        session: { userId: collectorActor.userId, role: 'collector', deviceId: collectorActor.deviceId },
        visits: [{ ...visitOf(assignment.id, 'REFUSED', { photos: [] }), notes: 'filed by an intruder' }],
      }),
      attack('MEDIA_PORT', "read a collector's photo", MediaMessages.fetch, { sha256: storedPhoto, variant: 'original' }),
      attack('MEDIA_PORT', 'store a photo as a collector', MediaMessages.store, {
        sha256: unstoredPhoto,
        contentBase64: unstored.toString('base64'),
        uploader: { userId: collector.user.id, branchId: collector.user.branchId },
      }),
      attack('OTA_RPC_PORT', 'ask for the update decision', OtaMessages.decideUpdate, { versionCode: 1, sdkInt: 29, deviceId: 'android-intruder' }),
      attack('OTA_RPC_PORT', "read the service's status", SystemMessages.otaStatus, {}),
    ];
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  it('answers a packet signed with the internal key or the previous one, so the packets below are well formed', async () => {
    const service = new PacketSigner({ current: INTERNAL_KEY });
    for (const key of [INTERNAL_KEY, PREVIOUS_KEY]) {
      const signer = new PacketSigner({ current: key });
      const reply = await exchange(
        portOf('DATABASE_PORT'),
        JSON.stringify(signer.sign('request', { pattern: SystemMessages.databaseStatus.pattern, data: {}, id: 'probe-1' })),
      );
      const json = reply.received.slice(reply.received.indexOf('#') + 1);
      expect(service.verify('reply', json)).toBeUndefined();
      expect(JSON.parse(json)).toMatchObject({ id: 'probe-1', response: { service: 'database', pid: system.process('database').pid } });
    }
  });

  it('gives nothing but a closed connection to a packet without a signature, on every internal port', async () => {
    const replies = [];
    for (const attempt of attacks) {
      replies.push({ ...describeAttack(attempt), reply: briefly(await exchange(portOf(attempt.port), JSON.stringify(packetOf(attempt)))) });
    }
    expect(replies).toEqual(attacks.map((attempt) => ({ ...describeAttack(attempt), reply: { received: '', closed: true } })));
  });

  it('gives nothing but a closed connection to a packet signed with another key, on every internal port', async () => {
    const stranger = new PacketSigner({ current: randomBytes(32).toString('base64url') });
    const replies = [];
    for (const attempt of attacks) {
      replies.push({
        ...describeAttack(attempt),
        reply: briefly(await exchange(portOf(attempt.port), JSON.stringify(stranger.sign('request', packetOf(attempt))))),
      });
    }
    expect(replies).toEqual(attacks.map((attempt) => ({ ...describeAttack(attempt), reply: { received: '', closed: true } })));
  });

  it('refuses a captured packet replayed after the window, and one altered after signing', async () => {
    const tenMinutesAgo = new PacketSigner({ current: INTERNAL_KEY }, () => Date.now() - 600_000);
    const stale = await exchange(portOf('DATABASE_PORT'), JSON.stringify(tenMinutesAgo.sign('request', packetOf(attacks[0]))));
    expect(stale).toEqual({ received: '', closed: true });

    const signer = new PacketSigner({ current: INTERNAL_KEY });
    const harmless = JSON.stringify(signer.sign('request', { pattern: SystemMessages.databaseStatus.pattern, data: {}, id: 'probe-2' }));
    const altered = harmless.replace(SystemMessages.databaseStatus.pattern, UserStore.list.pattern).replace('"data":{}', '"data":{"limit":50,"offset":0}');
    expect(altered).not.toBe(harmless);
    expect(await exchange(portOf('DATABASE_PORT'), altered)).toEqual({ received: '', closed: true });
  });

  it('changed nothing: no new user, every password as it was, no visit, no photo', async () => {
    expect(await usernames()).toEqual(usersBefore);
    expect(await loginStatus('admin', DEMO_PASSWORD)).toBe(200);
    expect(await loginStatus('admin', INTRUDER_PASSWORD)).toBe(401);
    expect(await loginStatus('intruder-db', INTRUDER_PASSWORD)).toBe(401);
    expect(await loginStatus('intruder-collector', INTRUDER_PASSWORD)).toBe(401);
    const status = await system.request('/api/v1/sync/status', { token: collector.token });
    expect(status.status).toBe(200);
    expect(status.body.visitIds).toEqual([]);
    expect((await system.request(`/api/v1/media/${unstoredPhoto}`, { token: admin.token })).status).toBe(404);
  });

  it('keeps serving its own requests, and logs each refusal with the peer address, never the packet', async () => {
    const ready = await system.request('/health/ready');
    expect(ready.status).toBe(200);
    expect((await system.request(`/api/v1/media/${storedPhoto}`, { token: collector.token })).status).toBe(200);

    const expected = attacks.length * 2 + 2;
    const refusals = await waitFor(
      () =>
        (['database', 'collector', 'media', 'ota'] as LaunchTarget[]).flatMap((target) =>
          system.logOf(target).filter((line) => line.msg === 'refused an internal message'),
        ),
      (lines) => lines.length >= expected,
    );
    expect(refusals).toHaveLength(expected);
    for (const line of refusals) {
      expect(line).toMatchObject({ level: 40, peer: expect.stringMatching(/^127\.0\.0\.1:\d+$/) });
    }
    expect(new Set(refusals.map((line) => line.reason))).toEqual(new Set(['unsigned', 'bad-signature', 'stale']));
    const everyLine = [...system.logs.values()].flat().join('\n');
    expect(everyLine).not.toContain('filed by an intruder');
    expect(everyLine).not.toContain('scrypt$');
    expect(everyLine).not.toContain(INTERNAL_KEY);
  });
});

describe('a service started for production', () => {
  let dataDir: string;
  let ports: Record<string, string>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mc-production-'));
    const [gateway, collector, database, media, ota, otaRpc] = (await freePorts(6)).map(String);
    ports = { GATEWAY_PORT: gateway, COLLECTOR_PORT: collector, DATABASE_PORT: database, MEDIA_PORT: media, OTA_PORT: ota, OTA_RPC_PORT: otaRpc };
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(target: LaunchTarget, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
    const lines: string[] = [];
    const child = launchApp(target, {
      env: { ...process.env, ...ports, NODE_ENV: 'production', DATA_DIR: dataDir, INTERNAL_KEY: '', JWT_SECRET: '', INTERNAL_KEY_PREVIOUS: '', ...env },
      onLine: (_target, line) => lines.push(line),
    });
    const timer = setTimeout(() => void child.kill(), 30000);
    const { code } = await child.exited;
    clearTimeout(timer);
    return { code, output: lines.join('\n') };
  }

  it.each(['gateway', 'collector', 'database', 'media', 'ota', 'main'] as LaunchTarget[])(
    'refuses to start %s without INTERNAL_KEY, naming it',
    async (target) => {
      const { code, output } = await start(target, {});
      expect(code).toBe(78);
      expect(output).toContain('Invalid environment variable INTERNAL_KEY: required when NODE_ENV is production');
    },
  );

  it.each([
    ['INTERNAL_KEY', { INTERNAL_KEY: 'a'.repeat(48) }],
    ['JWT_SECRET', { INTERNAL_KEY: randomBytes(32).toString('base64url'), JWT_SECRET: '0'.repeat(64) }],
  ])('refuses to start with %s of one character repeated', async (variable, env) => {
    const { code, output } = await start('database', env);
    expect(code).toBe(78);
    expect(output).toContain(`Invalid environment variable ${variable}: is one character repeated`);
  });
});
