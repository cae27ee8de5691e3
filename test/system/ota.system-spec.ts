import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '#libs/config';
import { OtaMessages } from '#libs/contract';
import { createClientProxy, MessageClient } from '#libs/transport';
import {
  API_DEMOS,
  API_DEMOS_APK,
  resignedByAnotherKey,
  sha256Of,
  truncatedCopy,
  withEntryChangedAfterSigning,
  withMinSdk,
  withoutV1Signature,
} from '../support/apk-fixtures.js';
import { login, phone as phoneAt } from '../support/demo-users.js';
import { publishRelease, storedReleaseFiles } from '../support/ota-releases.js';
import { problemOf } from '../support/problems.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type HttpReply, type RunningSystem } from '../support/system-harness.js';
import { testEngines } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';

const OTA_ENV = { OTA_PACKAGE: API_DEMOS.packageName, OTA_MAX_APK_BYTES: '8000000', OTA_CATALOGUE_TTL_MS: '300' };
const APK_BYTES = readFileSync(API_DEMOS_APK);
const APK_SHA256 = sha256Of(APK_BYTES);
const PUBLISH_COMMAND = 'apps/ota/src/cli/publish.js';

async function adminToken(system: RunningSystem): Promise<string> {
  return (await login(system, 'admin')).token;
}

async function collectorToken(system: RunningSystem): Promise<string> {
  return (await login(system, 'collector1', phoneAt('android-ota-c1'))).token;
}

function check(system: RunningSystem, query: Record<string, string | number>): Promise<HttpReply> {
  const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]));
  return system.otaRequest(`/api/v1/ota/check?${search}`);
}

const phone = { versionCode: 1, sdkInt: 23, deviceId: 'device-0001' };

function otaClient(system: RunningSystem): MessageClient {
  const config = loadConfig(system.env);
  return new MessageClient(new Map([['ota', createClientProxy('ota', config)]]), 3000);
}

describe.each(testEngines())('ota on %s, five processes', (engine) => {
  let system: RunningSystem;
  let admin: string;
  let folder: string;

  beforeAll(async () => {
    system = await startSystem({ mode: 'split', engine, env: OTA_ENV });
    admin = await adminToken(system);
    folder = mkdtempSync(join(tmpdir(), 'ota-apks-'));
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('refuses publishing without a token (401) and to a collector (403)', async () => {
    const anonymous = await publishRelease(system, undefined, APK_BYTES);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('unauthorized');
    const collector = await publishRelease(system, await collectorToken(system), APK_BYTES);
    expect(collector.status).toBe(403);
    expect(collector.body).toMatchObject({ code: 'forbidden', detail: 'This needs the admin role' });
    expect((await system.otaRequest('/api/v1/ota/releases', { token: await collectorToken(system) })).status).toBe(403);
    expect(storedReleaseFiles(system)).toEqual({ releases: [], incoming: [] });
  });

  it('publishes a real APK, reading its manifest, digest and signing certificate from the file', async () => {
    const reply = await publishRelease(system, admin, APK_BYTES, { notes: 'Receipts print faster', rolloutPercent: '100', mandatory: 'false' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      ...API_DEMOS,
      channel: 'production',
      sha256: APK_SHA256,
      size: APK_BYTES.length,
      notes: 'Receipts print faster',
      mandatory: false,
      rolloutPercent: 100,
      halted: false,
      publishedBy: 'admin',
      checks: 0,
      downloads: 0,
      url: `http://localhost:${system.env.OTA_PORT}/apk/coll/production/25.apk`,
    });
    expect(reply.body.signerSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(reply.body.signerSubject).toContain('CN=Android Debug');
    const stored = readFileSync(join(system.dataDir, 'ota', 'releases', reply.body.fileName));
    expect(stored.equals(APK_BYTES)).toBe(true);
    expect(storedReleaseFiles(system).incoming).toEqual([]);
  });

  describe('refuses, naming the reason and keeping nothing', () => {
    let before: { releases: string[]; incoming: string[] };

    beforeAll(() => {
      before = storedReleaseFiles(system);
    });

    async function expectRefused(reply: HttpReply, status: number, code: string): Promise<void> {
      expect(reply.status).toBe(status);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(reply.body.code).toBe(code);
      expect(storedReleaseFiles(system)).toEqual(before);
      const list = await system.otaRequest('/api/v1/ota/releases', { token: admin });
      expect(list.body.releases.map((release: { versionCode: number }) => release.versionCode)).toEqual([25]);
    }

    it('a truncated copy: not a valid APK', async () => {
      const reply = await publishRelease(system, admin, readFileSync(truncatedCopy(join(folder, 'truncated.apk'))));
      await expectRefused(reply, 422, 'invalid-apk');
      expect(reply.body.detail).toContain('The file is not a valid APK');
    });

    it('a copy without META-INF signatures: Android 6.0 needs the v1 signature', async () => {
      const reply = await publishRelease(system, admin, readFileSync(withoutV1Signature(join(folder, 'unsigned.apk'))));
      await expectRefused(reply, 422, 'missing-v1-signature');
      expect(reply.body.detail).toContain('no v1 (JAR) signature');
    });

    it('a copy changed after signing: its v1 signature no longer verifies', async () => {
      const reply = await publishRelease(system, admin, readFileSync(withEntryChangedAfterSigning(join(folder, 'changed.apk'))));
      await expectRefused(reply, 422, 'invalid-v1-signature');
      expect(reply.body.detail).toContain('the entry DebugProbesKt.bin was changed after signing');
    });

    it('a copy that needs Android 7.0: minSdkVersion above 23', async () => {
      const reply = await publishRelease(system, admin, readFileSync(withMinSdk(join(folder, 'min-sdk-24.apk'), 24)));
      await expectRefused(reply, 422, 'min-sdk-too-high');
      expect(reply.body.detail).toContain('API 24');
    });

    it('a copy signed with another certificate than the channel releases', async () => {
      const reply = await publishRelease(system, admin, readFileSync(resignedByAnotherKey(join(folder, 'resigned.apk'))));
      await expectRefused(reply, 409, 'signer-changed');
      expect(reply.body.detail).toContain('CN=Another Signer');
    });

    it('the same versionCode again: 409', async () => {
      const reply = await publishRelease(system, admin, APK_BYTES);
      await expectRefused(reply, 409, 'version-not-higher');
      expect(reply.body.detail).toBe("versionCode 25 is not higher than the production channel's latest release (25)");
    });

    it('a file larger than OTA_MAX_APK_BYTES: 413', async () => {
      await expectRefused(await publishRelease(system, admin, Buffer.alloc(8_500_000, 7)), 413, 'payload-too-large');
    });

    it('a form without a file, or with fields out of range, naming the fields', async () => {
      const noFile = await publishRelease(system, admin, null, { channel: 'beta' });
      await expectRefused(noFile, 400, 'validation-failed');
      expect(noFile.body.errors).toEqual([{ field: 'file', message: 'file must be an APK sent as a multipart file' }]);
      const badFields = await publishRelease(system, admin, APK_BYTES, { rolloutPercent: '150', mandatory: 'perhaps', channel: 'Beta!', color: 'red' });
      await expectRefused(badFields, 400, 'validation-failed');
      expect(badFields.body.errors.map((issue: { field: string }) => issue.field).sort()).toEqual(['channel', 'color', 'mandatory', 'rolloutPercent']);
    });
  });

  describe('downloads', () => {
    for (const path of ['/apk/coll/app-release.apk', '/apk/coll/production/25.apk']) {
      it(`serves ${path} byte for byte with its length, type and ETag`, async () => {
        const response = await fetch(`${system.otaUrl}${path}`);
        const bytes = Buffer.from(await response.arrayBuffer());
        expect(response.status).toBe(200);
        expect(bytes.equals(APK_BYTES)).toBe(true);
        expect(response.headers.get('content-type')).toBe('application/vnd.android.package-archive');
        expect(response.headers.get('content-length')).toBe(String(APK_BYTES.length));
        expect(response.headers.get('etag')).toBe(`"${APK_SHA256}"`);
        expect(response.headers.get('accept-ranges')).toBe('bytes');
      });

      it(`answers HEAD, ranges and conditional requests on ${path}`, async () => {
        const head = await fetch(`${system.otaUrl}${path}`, { method: 'HEAD' });
        expect(head.status).toBe(200);
        expect(head.headers.get('content-length')).toBe(String(APK_BYTES.length));
        expect(Buffer.from(await head.arrayBuffer())).toHaveLength(0);

        const middle = await fetch(`${system.otaUrl}${path}`, { headers: { range: 'bytes=1000-1999' } });
        expect(middle.status).toBe(206);
        expect(middle.headers.get('content-range')).toBe(`bytes 1000-1999/${APK_BYTES.length}`);
        expect(Buffer.from(await middle.arrayBuffer()).equals(APK_BYTES.subarray(1000, 2000))).toBe(true);

        const tail = await fetch(`${system.otaUrl}${path}`, { headers: { range: 'bytes=-100' } });
        expect(tail.status).toBe(206);
        expect(Buffer.from(await tail.arrayBuffer()).equals(APK_BYTES.subarray(APK_BYTES.length - 100))).toBe(true);

        const outside = await fetch(`${system.otaUrl}${path}`, { headers: { range: `bytes=${APK_BYTES.length + 10}-` } });
        expect(outside.status).toBe(416);
        expect(outside.headers.get('content-range')).toBe(`bytes */${APK_BYTES.length}`);
        expect(await outside.json()).toMatchObject({ status: 416, code: 'range-not-satisfiable' });

        // fetch adds `Cache-Control: no-cache` to conditional requests unless one is given; a phone's HTTP client does not.
        const unchanged = await fetch(`${system.otaUrl}${path}`, { headers: { 'if-none-match': `"${APK_SHA256}"`, 'cache-control': 'max-age=0' } });
        expect(unchanged.status).toBe(304);

        const staleRange = await fetch(`${system.otaUrl}${path}`, { headers: { range: 'bytes=0-9', 'if-range': '"an-older-build"' } });
        expect(staleRange.status).toBe(200);
        expect(Buffer.from(await staleRange.arrayBuffer())).toHaveLength(APK_BYTES.length);
      });
    }

    it('marks the versioned URL immutable and the current one as to be revalidated', async () => {
      const versioned = await fetch(`${system.otaUrl}/apk/coll/production/25.apk`, { method: 'HEAD' });
      expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const current = await fetch(`${system.otaUrl}/apk/coll/app-release.apk`, { method: 'HEAD' });
      expect(current.headers.get('cache-control')).toBe('public, max-age=0');
    });

    it('answers 404 for a release that does not exist and 400 for a malformed file name', async () => {
      const missing = await system.otaRequest('/apk/coll/production/26.apk');
      expect(missing.status).toBe(404);
      expect(missing.body.detail).toBe('The production channel has no release with versionCode 26');
      const malformed = await system.otaRequest('/apk/coll/production/latest.apk');
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors).toEqual([{ field: 'file', message: 'file must be <versionCode>.apk' }]);
    });
  });

  describe('update checks', () => {
    it('answers 204 to a phone that has the latest release', async () => {
      const reply = await check(system, { ...phone, versionCode: 25 });
      expect(reply.status).toBe(204);
      expect(reply.text).toBe('');
    });

    it('offers the release to an older phone with its URL, digest and size', async () => {
      const reply = await check(system, phone);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        versionCode: 25,
        versionName: '5.0.0',
        url: `http://localhost:${system.env.OTA_PORT}/apk/coll/production/25.apk`,
        sha256: APK_SHA256,
        size: APK_BYTES.length,
        mandatory: false,
        notes: 'Receipts print faster',
      });
    });

    it('refuses Android older than 6.0 with 426', async () => {
      const reply = await check(system, { ...phone, sdkInt: 22 });
      expect(reply.status).toBe(426);
      expect(reply.body).toMatchObject({ code: 'android-unsupported' });
      expect(reply.body.detail).toContain('Android 6.0');
    });

    it('refuses a malformed check naming the fields', async () => {
      const reply = await system.otaRequest('/api/v1/ota/check?versionCode=abc&sdkInt=23&imei=1');
      expect(reply.status).toBe(400);
      expect(reply.body.errors.map((issue: { field: string }) => issue.field).sort()).toEqual([
        'deviceId',
        'deviceId',
        'imei',
        'versionCode',
        'versionCode',
        'versionCode',
      ]);
    });

    it('gives the same decision to the gateway over the transport', async () => {
      const client = otaClient(system);
      try {
        const decision = await client.send(OtaMessages.decideUpdate, phone);
        expect(decision).toEqual({ belowMinimum: false, update: (await check(system, phone)).body });
        expect(await client.send(OtaMessages.decideUpdate, { ...phone, versionCode: 25, channel: 'production' })).toEqual({
          update: null,
          belowMinimum: false,
        });
        const refusal = await problemOf(client.send(OtaMessages.decideUpdate, { ...phone, sdkInt: 21 }));
        expect(refusal.problem).toMatchObject({ status: 426, code: 'android-unsupported' });
      } finally {
        client.onApplicationShutdown();
      }
    });
  });

  describe('managing a release', () => {
    let id: string;
    const patch = (json: unknown, token = admin) => system.otaRequest(`/api/v1/ota/releases/${id}`, { method: 'PATCH', token, json });
    const action = (name: 'halt' | 'resume') => system.otaRequest(`/api/v1/ota/releases/${id}/${name}`, { method: 'POST', token: admin });
    const setMinimum = (minVersionCode: number | null) =>
      system.otaRequest('/api/v1/ota/channels/production/minimum', { method: 'PUT', token: admin, json: { minVersionCode } });

    beforeAll(async () => {
      const list = await system.otaRequest('/api/v1/ota/releases?channel=production', { token: admin });
      id = list.body.releases[0].id;
    });

    it('stages the rollout: 0% is offered to nobody and leaves no current download', async () => {
      const reply = await patch({ rolloutPercent: 0 });
      expect(reply.status).toBe(200);
      expect(reply.body.rolloutPercent).toBe(0);
      expect((await check(system, phone)).status).toBe(204);
      expect((await system.otaRequest('/apk/coll/app-release.apk', { method: 'HEAD' })).status).toBe(404);
      expect((await patch({ rolloutPercent: 100 })).body.rolloutPercent).toBe(100);
      expect((await check(system, phone)).status).toBe(200);
    });

    it('marks it mandatory, and a mandatory release ignores the rollout', async () => {
      const reply = await patch({ mandatory: true, rolloutPercent: 0 });
      expect(reply.body).toMatchObject({ mandatory: true, rolloutPercent: 0 });
      expect((await check(system, phone)).body).toMatchObject({ versionCode: 25, mandatory: true });
      await patch({ mandatory: false, rolloutPercent: 100 });
    });

    it('halts it so that it is never offered, and resumes it', async () => {
      expect((await action('halt')).body.halted).toBe(true);
      expect((await check(system, phone)).status).toBe(204);
      const client = otaClient(system);
      try {
        expect(await client.send(OtaMessages.decideUpdate, phone)).toEqual({ update: null, belowMinimum: false });
      } finally {
        client.onApplicationShutdown();
      }
      expect((await action('resume')).body.halted).toBe(false);
      expect((await check(system, phone)).body.versionCode).toBe(25);
    });

    it('sets the minimum supported version: phones below it must update', async () => {
      const reply = await setMinimum(25);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ channel: 'production', minVersionCode: 25 });
      expect((await check(system, phone)).body).toMatchObject({ versionCode: 25, mandatory: true });
      const client = otaClient(system);
      try {
        expect(await client.send(OtaMessages.decideUpdate, phone)).toMatchObject({ belowMinimum: true, update: { mandatory: true } });
      } finally {
        client.onApplicationShutdown();
      }
      const list = await system.otaRequest('/api/v1/ota/releases', { token: admin });
      expect(list.body.channels).toEqual([expect.objectContaining({ channel: 'production', minVersionCode: 25 })]);
      expect((await setMinimum(null)).body.minVersionCode).toBeNull();
      expect((await check(system, phone)).body.mandatory).toBe(false);
    });

    it('refuses a minimum no live release reaches, an unknown release and bad values', async () => {
      const tooHigh = await setMinimum(26);
      expect(tooHigh.status).toBe(409);
      expect(tooHigh.body.code).toBe('minimum-not-published');
      const unknown = await system.otaRequest(`/api/v1/ota/releases/${randomUUID()}/halt`, { method: 'POST', token: admin });
      expect(unknown.status).toBe(404);
      const outOfRange = await patch({ rolloutPercent: 101, halted: true });
      expect(outOfRange.status).toBe(400);
      expect(outOfRange.body.errors.map((issue: { field: string }) => issue.field).sort()).toEqual(['halted', 'rolloutPercent']);
      expect((await patch({ rolloutPercent: 50 }, await collectorToken(system))).status).toBe(403);
      const list = await system.otaRequest('/api/v1/ota/releases', { token: admin });
      expect(list.body.releases[0]).toMatchObject({ rolloutPercent: 100, halted: false, mandatory: false });
    });
  });

  describe('counters and durability', () => {
    it('counts checks and downloads per release, and keeps them across a clean restart of ota', async () => {
      const before = (await system.otaRequest('/api/v1/ota/releases', { token: admin })).body.releases[0];
      await check(system, { ...phone, deviceId: 'counted-1' });
      await check(system, { ...phone, deviceId: 'counted-2' });
      await check(system, { ...phone, versionCode: 25 });
      await (await fetch(`${system.otaUrl}/apk/coll/production/25.apk`)).arrayBuffer();
      await (await fetch(`${system.otaUrl}/apk/coll/app-release.apk`, { headers: { range: 'bytes=0-99' } })).arrayBuffer();
      await (await fetch(`${system.otaUrl}/apk/coll/app-release.apk`, { headers: { range: 'bytes=100-199' } })).arrayBuffer();
      await fetch(`${system.otaUrl}/apk/coll/app-release.apk`, { method: 'HEAD' });
      const counted = (await system.otaRequest('/api/v1/ota/releases', { token: admin })).body.releases[0];
      expect(counted.checks - before.checks).toBe(2);
      expect(counted.downloads - before.downloads).toBe(2);

      await system.restart('ota');
      const after = await waitFor(
        () => system.otaRequest('/api/v1/ota/releases', { token: admin }).catch(() => undefined),
        (reply) => reply?.status === 200,
      );
      expect(after!.body.releases[0]).toMatchObject({ checks: counted.checks, downloads: counted.downloads });
    });

    it('keeps serving every release after ota is killed and the launcher restarts it', async () => {
      await system.kill('ota');
      const download = await waitFor(
        () =>
          fetch(`${system.otaUrl}/apk/coll/production/25.apk`).then(
            async (response) => ({ status: response.status, bytes: Buffer.from(await response.arrayBuffer()) }),
            () => undefined,
          ),
        (reply) => reply?.status === 200,
      );
      expect(download!.bytes.equals(APK_BYTES)).toBe(true);
    });

    it('keeps serving downloads from its copy of the catalogue while the database is down', async () => {
      await (await fetch(`${system.otaUrl}/apk/coll/app-release.apk`)).arrayBuffer();
      await system.stopApp('database');
      try {
        await new Promise((resolve) => setTimeout(resolve, 400));
        const response = await fetch(`${system.otaUrl}/apk/coll/app-release.apk`);
        expect(response.status).toBe(200);
        expect(Buffer.from(await response.arrayBuffer()).equals(APK_BYTES)).toBe(true);
        const publishing = await publishRelease(system, admin, APK_BYTES, { channel: 'beta' });
        expect(publishing.status).toBe(503);
      } finally {
        await system.startStoppedApps();
        await system.waitUntilReady();
      }
    });
  });

  describe('the operator command', () => {
    it('publishes from a shell through the same rules, to the channel it names', async () => {
      const result = await system.runCommand(PUBLISH_COMMAND, [API_DEMOS_APK, '--channel', 'beta', '--rollout', '20', '--notes', 'Pilot build']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ ...API_DEMOS, channel: 'beta', rolloutPercent: 20, notes: 'Pilot build', sha256: APK_SHA256 });
      const beta = await waitFor(
        () => system.otaRequest('/apk/coll/beta/25.apk', { method: 'HEAD' }),
        (reply) => reply.status === 200,
      );
      expect(beta.headers.get('etag')).toBe(`"${APK_SHA256}"`);
      // A 20% rollout: of 50 phones some are offered the beta and some not, the same ones on every check.
      const devices = Array.from({ length: 50 }, (_, index) => `beta-device-${index}`);
      const offeredTo = async () => {
        const replies = await Promise.all(devices.map((deviceId) => check(system, { ...phone, channel: 'beta', deviceId })));
        return devices.filter((_, index) => replies[index].status === 200);
      };
      const first = await offeredTo();
      expect(first.length).toBeGreaterThan(0);
      expect(first.length).toBeLessThan(25);
      expect(await offeredTo()).toEqual(first);
    });

    it('prints the refusal reason and exits non-zero', async () => {
      const again = await system.runCommand(PUBLISH_COMMAND, [API_DEMOS_APK, '--channel', 'beta']);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("refused (409 version-not-higher): versionCode 25 is not higher than the beta channel's latest release (25)");
      const otherPackage = await system.runCommand(PUBLISH_COMMAND, [API_DEMOS_APK, '--channel', 'pilot'], { OTA_PACKAGE: 'id.multifinance.collection' });
      expect(otherPackage.code).toBe(1);
      expect(otherPackage.stderr).toContain('refused (422 wrong-package): The APK is the package io.appium.android.apis, not id.multifinance.collection');
      const unsigned = await system.runCommand(PUBLISH_COMMAND, [withoutV1Signature(join(folder, 'cli-unsigned.apk')), '--channel', 'pilot']);
      expect(unsigned.code).toBe(1);
      expect(unsigned.stderr).toContain('missing-v1-signature');
      const usage = await system.runCommand(PUBLISH_COMMAND, ['--channel', 'beta']);
      expect(usage.code).toBe(64);
      expect(usage.stderr).toContain('usage: npm run ota:publish');
      const list = await system.otaRequest('/api/v1/ota/releases', { token: admin });
      expect(list.body.releases.map((release: { channel: string }) => release.channel).sort()).toEqual(['beta', 'production']);
    });
  });

  it('documents its endpoints in OpenAPI', async () => {
    const reply = await system.otaRequest('/docs-json');
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/ota/check',
        '/api/v1/ota/releases',
        '/api/v1/ota/releases/{id}',
        '/api/v1/ota/channels/{channel}/minimum',
        '/apk/coll/app-release.apk',
        '/apk/coll/{channel}/{file}',
      ]),
    );
  });
});

describe('ota in one process', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({ mode: 'single', env: OTA_ENV });
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  it('publishes, offers and serves a release over the in-process transport', async () => {
    const published = await publishRelease(system, await adminToken(system), APK_BYTES, { channel: 'production' });
    expect(published.status).toBe(201);
    expect((await check(system, phone)).body).toMatchObject({ versionCode: 25, sha256: APK_SHA256 });
    const response = await fetch(`${system.otaUrl}/apk/coll/app-release.apk`);
    expect(Buffer.from(await response.arrayBuffer()).equals(APK_BYTES)).toBe(true);
  });
});
