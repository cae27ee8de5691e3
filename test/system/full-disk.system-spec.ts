import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FormData } from 'undici';
import { API_DEMOS_APK } from '../support/apk-fixtures.js';
import { login, phone, type Session } from '../support/demo-users.js';
import { sendVisits, uploadPhoto, visitOf, worklistOf, type VisitInput, type VisitResult } from '../support/field-visits.js';
import { listTree } from '../support/file-tree.js';
import { mountSmallDisk, smallDiskUnavailable, type SmallDisk } from '../support/small-disk.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type HttpReply, type RunningSystem } from '../support/system-harness.js';
import { jpegPhoto } from '../support/test-photos.js';
import { waitFor } from '../support/wait-for.js';

const unavailable = smallDiskUnavailable();
if (unavailable) console.warn(`full-disk system tests skipped: a tmpfs cannot be mounted here (${unavailable})`);

/** The answer a phone acts on: whether it may delete what it sent. */
function answerOf(reply: HttpReply): string {
  if (reply.status === 200) return reply.body.results.map((result: VisitResult) => result.status).join(',');
  return `${reply.status} ${reply.body.code} retry-after ${reply.headers.get('retry-after')}`;
}

/** Every file (not folder) under a folder, with size and time: what a refused write must leave unchanged. */
function filesUnder(folder: string): string[] {
  return listTree(folder).filter((entry) => !entry.endsWith('/'));
}

// The database's disk is the one under DATA_DIR only with SQLite; a PostgreSQL server's disk cannot be filled from here.
(unavailable ? describe.skip : describe).each(['single', 'split'] as const)('a full disk in %s mode, on SQLite', (mode) => {
  let disk: SmallDisk;
  let system: RunningSystem;
  let collector: Session;
  let admin: string;
  let assignments: string[];
  /** What the server answered `created`: the phone deletes these, so the server must keep them. */
  const confirmed = new Set<string>();
  /** What the server could not store: the phone keeps these and sends them again. */
  const kept: VisitInput[] = [];
  let visitCount = 0;

  const nextVisit = () => visitOf(assignments[visitCount++ % assignments.length], 'NOT_MET');

  async function send(visits: VisitInput[]): Promise<HttpReply> {
    const reply = await sendVisits(system, collector.token, visits);
    for (const result of (reply.status === 200 ? reply.body.results : []) as VisitResult[]) {
      if (result.status === 'created') confirmed.add(result.id);
    }
    return reply;
  }

  function publishApk(): Promise<HttpReply> {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(readFileSync(API_DEMOS_APK))]), 'app-release.apk');
    return system.otaRequest('/api/v1/ota/releases', { method: 'POST', token: admin, body: form as unknown as BodyInit });
  }

  beforeAll(async () => {
    disk = mountSmallDisk(32);
    system = await startSystem({ mode, dataDir: join(disk.folder, 'data') });
    collector = await login(system, 'collector1', phone(`android-full-disk-${mode}`));
    admin = (await login(system, 'admin')).token;
    assignments = (await worklistOf(system, collector)).assignments.map((assignment) => assignment.id);
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
    disk?.unmount();
  });

  it('confirms visits while there is room', async () => {
    expect(answerOf(await send([nextVisit(), nextVisit()]))).toBe('created,created');
  });

  it('answers every visit it cannot store with 507 storage-full, never created', async () => {
    disk.fill();
    const answers: string[] = [];
    for (const visits of [[nextVisit()], [nextVisit()], [nextVisit(), nextVisit()], [nextVisit()]]) {
      const reply = await send(visits);
      answers.push(answerOf(reply));
      if (reply.status !== 200) kept.push(...visits);
      if (reply.status === 507) expect(reply.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(answers).toEqual(Array(4).fill('507 storage-full retry-after 60'));
  });

  it('reports the database and the photos not ready, naming the full disk', async () => {
    const ready = await system.request('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      code: 'not-ready',
      services: { collector: 'up', database: 'down', media: 'down', ota: 'up' },
      causes: { database: 'storage-full', media: 'storage-full' },
    });
    expect(ready.body.detail).toContain('database (storage-full)');
    expect((await system.request('/health')).status).toBe(200);
  });

  it('refuses a photo with 507 storage-full and keeps no file of it', async () => {
    const before = filesUnder(join(system.dataDir, 'media'));
    const reply = await uploadPhoto(system, collector.token, await jpegPhoto(8801));
    expect([reply.status, reply.body.code]).toEqual([507, 'storage-full']);
    expect(filesUnder(join(system.dataDir, 'media'))).toEqual(before);
  });

  it('refuses an APK with 507 storage-full and keeps no file of it', async () => {
    const before = filesUnder(join(system.dataDir, 'ota'));
    const reply = await publishApk();
    expect([reply.status, reply.body.code]).toEqual([507, 'storage-full']);
    expect(filesUnder(join(system.dataDir, 'ota'))).toEqual(before);
  });

  it('stores again once space is freed, without a restart, and is ready again', async () => {
    disk.free();
    expect(kept).toHaveLength(5);
    expect(answerOf(await send(kept))).toBe(Array(5).fill('created').join(','));
    expect(answerOf(await send([nextVisit()]))).toBe('created');
    expect((await uploadPhoto(system, collector.token, await jpegPhoto(8801))).status).toBe(201);
    const ready = await waitFor(
      () => system.request('/health/ready'),
      (reply) => reply.status === 200,
    );
    expect(ready.body).toEqual({ status: 'ready', services: { collector: 'up', database: 'up', media: 'up', ota: 'up' } });
  });

  it('holds after a restart every visit it confirmed, and none other', async () => {
    await system.restartAll();
    const status = await system.request('/api/v1/sync/status', { token: collector.token });
    expect(status.status).toBe(200);
    expect([...status.body.visitIds].sort()).toEqual([...confirmed].sort());
    expect(confirmed.size).toBe(8);
  });
});
