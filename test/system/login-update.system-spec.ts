import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { API_DEMOS, API_DEMOS_APK } from '../support/apk-fixtures.js';
import { DEMO_PASSWORD, login, phone } from '../support/demo-users.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem } from '../support/system-harness.js';
import { testEngines } from '../support/test-database.js';

const OTA_ENV = { OTA_PACKAGE: API_DEMOS.packageName, OTA_CATALOGUE_TTL_MS: '200' };

describe.each(testEngines())('the update decision at login on %s, five processes', (engine) => {
  let system: RunningSystem;
  let admin: string;

  beforeAll(async () => {
    system = await startSystem({ mode: 'split', engine, env: OTA_ENV });
    admin = (await login(system, 'admin')).token;
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  function attempt(username: string, deviceId: string, appVersionCode: number) {
    return system.request('/api/v1/auth/login', {
      method: 'POST',
      json: { username, password: DEMO_PASSWORD, ...phone(deviceId, { appVersionCode }) },
    });
  }

  async function publishProduction(): Promise<void> {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(readFileSync(API_DEMOS_APK))]), 'app-release.apk');
    form.set('rolloutPercent', '100');
    form.set('notes', 'Kwitansi dicetak lebih cepat');
    const reply = await system.otaRequest('/api/v1/ota/releases', { method: 'POST', token: admin, body: form as unknown as BodyInit });
    expect(reply.status).toBe(201);
  }

  it('offers nothing while no release is published', async () => {
    const reply = await attempt('collector1', 'android-upd-c1', 1);
    expect(reply.status).toBe(200);
    expect(reply.body.update).toBeNull();
  });

  it('returns the release a phone should install, and nothing once it runs it', async () => {
    await publishProduction();
    const old = await attempt('collector1', 'android-upd-c1', 1);
    expect(old.status).toBe(200);
    expect(old.body.update).toMatchObject({
      versionCode: API_DEMOS.versionCode,
      versionName: API_DEMOS.versionName,
      mandatory: false,
      notes: 'Kwitansi dicetak lebih cepat',
      size: readFileSync(API_DEMOS_APK).length,
    });
    expect(old.body.update.url).toContain(`/${API_DEMOS.versionCode}.apk`);
    const current = await attempt('collector1', 'android-upd-c1', API_DEMOS.versionCode);
    expect(current.body.update).toBeNull();
    const supervisor = await login(system, 'supervisor1');
    expect(supervisor.reply.update).toBeNull();
  });

  it('turns away a version below the minimum with 426 and the update, binding nothing', async () => {
    const minimum = await system.otaRequest('/api/v1/ota/channels/production/minimum', {
      method: 'PUT',
      token: admin,
      json: { minVersionCode: API_DEMOS.versionCode },
    });
    expect(minimum.status).toBe(200);
    const refused = await attempt('collector2', 'android-upd-c2-old', 3);
    expect(refused.status).toBe(426);
    expect(refused.body).toMatchObject({ code: 'app-update-required', update: { versionCode: API_DEMOS.versionCode, mandatory: true } });
    expect(refused.body.accessToken).toBeUndefined();
    const otherPhone = await attempt('collector2', 'android-upd-c2-new', API_DEMOS.versionCode);
    expect(otherPhone.status).toBe(200);
  });

  it('still logs in, with no update news, while the ota service is down', async () => {
    await system.stopApp('ota');
    const reply = await attempt('collector3', 'android-upd-c3', 1);
    expect(reply.status).toBe(200);
    expect(reply.body.update).toBeNull();
    expect(reply.body.batch.status).toBe('open');
  });
});
