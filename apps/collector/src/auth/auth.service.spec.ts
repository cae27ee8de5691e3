import { afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { loadConfig } from '#libs/config';
import { BatchStore, DeviceStore, UserStore, type DeviceView, type UserRecord } from '#libs/contract';
import { hashPassword } from '#libs/password';
import { AT_WORK_MORNING, WORK_MORNING, openDay } from '../../../../test/support/collection-days.js';
import { FakeMessageClient } from '../../../../test/support/fake-message-client.js';
import { problemOf } from '../../../../test/support/problems.js';
import { AuthService } from './auth.service.js';
import { PasswordCheckLimiter } from './password-check.limiter.js';

const PASSWORD = 'Rahasia-2026';
/** A cheap scrypt cost: the stored hash names its cost, so checking it is as quick. */
const QUICK_HASH = { N: 2 ** 10, r: 8, p: 1 };

const PHONE = { deviceKey: 'android-c1', deviceModel: 'Samsung SM-A125F', androidSdk: 29, appVersionCode: 100 };

describe('AuthService (collector)', () => {
  const config = loadConfig({});
  let passwordHash: string;
  let messages: FakeMessageClient;
  let auth: AuthService;

  const user = (overrides: Partial<UserRecord> = {}): UserRecord => ({
    id: 'collector-1',
    username: 'collector1',
    fullName: 'Ani Collector',
    passwordHash,
    role: 'collector',
    branchId: 'branch-jkt',
    branchCode: 'JKT01',
    active: true,
    ...overrides,
  });
  const device: DeviceView = {
    id: 'device-1',
    userId: 'collector-1',
    deviceKey: PHONE.deviceKey,
    model: PHONE.deviceModel,
    androidSdk: 29,
    appVersionCode: 100,
    status: 'active',
    boundAt: WORK_MORNING.toISOString(),
    lastSeenAt: WORK_MORNING.toISOString(),
    endedAt: null,
  };

  beforeAll(async () => {
    passwordHash = await hashPassword(PASSWORD, QUICK_HASH);
  });

  beforeEach(() => {
    jest.useFakeTimers(AT_WORK_MORNING);
    messages = new FakeMessageClient().answer(DeviceStore.bind, device).answer(BatchStore.openForLogin, openDay().batch);
    auth = new AuthService(messages, new PasswordCheckLimiter(config), config);
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it("binds a collector's phone and opens the batch of the work date, valid until the work day ends in Jakarta", async () => {
    messages.answer(UserStore.findByUsername, user());
    const reply = await auth.login({ username: 'collector1', password: PASSWORD, ...PHONE });
    expect(reply).toEqual({
      user: { id: 'collector-1', username: 'collector1', fullName: 'Ani Collector', role: 'collector', branchId: 'branch-jkt', branchCode: 'JKT01' },
      deviceId: 'device-1',
      batch: openDay().batch,
      expiresAt: '2026-11-28T17:00:00.000Z',
    });
    expect(messages.patterns).toEqual([UserStore.findByUsername.pattern, DeviceStore.bind.pattern, BatchStore.openForLogin.pattern]);
    expect(messages.requestsOf(DeviceStore.bind)).toEqual([
      { userId: 'collector-1', deviceKey: 'android-c1', model: 'Samsung SM-A125F', androidSdk: 29, appVersionCode: 100, at: WORK_MORNING.toISOString() },
    ]);
    expect(messages.requestsOf(BatchStore.openForLogin)).toEqual([
      { collectorId: 'collector-1', deviceId: 'device-1', workDate: '2026-11-28', at: WORK_MORNING.toISOString() },
    ]);
  });

  it('logs a supervisor in from the web without a phone, binding nothing', async () => {
    messages.answer(UserStore.findByUsername, user({ id: 'supervisor-1', username: 'supervisor1', role: 'supervisor' }));
    const reply = await auth.login({ username: 'supervisor1', password: PASSWORD });
    expect(reply).toMatchObject({ user: { id: 'supervisor-1', role: 'supervisor' }, deviceId: null, batch: null, expiresAt: '2026-11-28T17:00:00.000Z' });
    expect(messages.patterns).toEqual([UserStore.findByUsername.pattern]);
  });

  it.each([
    ['a wrong password', () => user(), 'Rahasia-2025'],
    ['an unknown username', () => null, PASSWORD],
    ['a disabled account, even with the right password', () => user({ active: false }), PASSWORD],
  ])('refuses %s with the same 401, binding nothing', async (_case, stored, password) => {
    messages.answer(UserStore.findByUsername, stored());
    const refused = await problemOf(auth.login({ username: 'collector1', password, ...PHONE }));
    expect(refused.problem).toMatchObject({ status: 401, code: 'unauthorized', detail: 'Wrong username or password' });
    expect(messages.patterns).toEqual([UserStore.findByUsername.pattern]);
  });

  it('asks a collector for the phone fields it left out, by their API names', async () => {
    messages.answer(UserStore.findByUsername, user());
    const refused = await problemOf(auth.login({ username: 'collector1', password: PASSWORD, deviceModel: 'Samsung SM-A125F', androidSdk: 29 }));
    expect(refused.problem).toMatchObject({
      status: 400,
      code: 'validation-failed',
      errors: [
        { field: 'deviceId', message: 'deviceId is required for a collector' },
        { field: 'appVersionCode', message: 'appVersionCode is required for a collector' },
      ],
    });
    expect(messages.requestsOf(DeviceStore.bind)).toEqual([]);
  });

  it('turns away a phone older than Android 6.0 (426) before binding it', async () => {
    messages.answer(UserStore.findByUsername, user());
    const refused = await problemOf(auth.login({ username: 'collector1', password: PASSWORD, ...PHONE, androidSdk: 22 }));
    expect(refused.problem).toMatchObject({ status: 426, code: 'android-unsupported', minAndroidSdk: 23 });
    expect(messages.requestsOf(DeviceStore.bind)).toEqual([]);
  });
});
