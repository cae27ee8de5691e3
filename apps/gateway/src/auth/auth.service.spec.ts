import { afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccessTokenService } from '#libs/auth';
import { ProblemError } from '#libs/common';
import { AuthMessages, OtaMessages, type LoginReply, type UpdateOffer } from '#libs/contract';
import { AT_WORK_MORNING } from '../../../../test/support/collection-days.js';
import { FakeMessageClient } from '../../../../test/support/fake-message-client.js';
import { problemOf } from '../../../../test/support/problems.js';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './throttle/login-throttle.service.js';
import { MemoryThrottleStore } from './throttle/memory-throttle.store.js';

const PHONE = { deviceId: 'android-c1', deviceModel: 'Samsung SM-A125F', androidSdk: 29, appVersionCode: 100 };
const OFFER: UpdateOffer = {
  versionCode: 101,
  versionName: '1.0.1',
  url: '/apk/coll/production/101.apk',
  sha256: 'ab'.repeat(32),
  size: 4_000_000,
  mandatory: false,
  notes: null,
};
const EXPIRES_AT = '2026-11-28T17:00:00.000Z';

const collectorLoggedIn: LoginReply = {
  user: { id: 'collector-1', username: 'collector1', fullName: 'Ani', role: 'collector', branchId: 'branch-jkt', branchCode: 'JKT01' },
  deviceId: 'device-1',
  batch: { id: 'batch-1', workDate: '2026-11-28', status: 'open', openedAt: '2026-11-28T00:30:00.000Z', closedAt: null },
  expiresAt: EXPIRES_AT,
};
const supervisorLoggedIn: LoginReply = {
  user: { id: 'supervisor-1', username: 'supervisor1', fullName: 'Sri', role: 'supervisor', branchId: 'branch-jkt', branchCode: 'JKT01' },
  deviceId: null,
  batch: null,
  expiresAt: EXPIRES_AT,
};

describe('AuthService (gateway)', () => {
  const tokens = new AccessTokenService(new JwtService({ secret: 'a-test-secret-of-32-characters!!' }));
  let messages: FakeMessageClient;
  let auth: AuthService;

  beforeAll(() => {
    // An unreachable ota is logged as a warning; the reply is what the tests check.
    Logger.overrideLogger(false);
  });

  beforeEach(() => {
    jest.useFakeTimers(AT_WORK_MORNING);
    messages = new FakeMessageClient().answer(AuthMessages.login, collectorLoggedIn).answer(OtaMessages.decideUpdate, { update: null, belowMinimum: false });
    auth = new AuthService(messages, tokens, new LoginThrottle(new MemoryThrottleStore(1000)));
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('asks ota about the phone first, then the collector service, and issues a token naming user, role, branch and phone until the day ends', async () => {
    messages.answer(OtaMessages.decideUpdate, { update: OFFER, belowMinimum: false });
    const reply = await auth.login({ username: 'collector1', password: 'Demo-1234', ...PHONE }, '198.51.100.7');
    expect(messages.patterns).toEqual([OtaMessages.decideUpdate.pattern, AuthMessages.login.pattern]);
    expect(messages.sent[0]).toEqual({
      pattern: OtaMessages.decideUpdate.pattern,
      request: { versionCode: 100, sdkInt: 29, deviceId: 'android-c1' },
      options: { timeoutMs: 1500 },
    });
    expect(messages.requestsOf(AuthMessages.login)).toEqual([
      { username: 'collector1', password: 'Demo-1234', deviceKey: 'android-c1', deviceModel: 'Samsung SM-A125F', androidSdk: 29, appVersionCode: 100 },
    ]);
    expect(reply).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresAt: EXPIRES_AT,
      user: collectorLoggedIn.user,
      batch: collectorLoggedIn.batch,
      update: OFFER,
    });
    expect(tokens.verify(reply.accessToken)).toMatchObject({
      sub: 'collector-1',
      username: 'collector1',
      role: 'collector',
      branchId: 'branch-jkt',
      deviceId: 'device-1',
      expiresAt: new Date(EXPIRES_AT),
    });
  });

  it('turns away a version below the minimum with 426 and the update, never reaching the collector service', async () => {
    messages.answer(OtaMessages.decideUpdate, { update: { ...OFFER, mandatory: true }, belowMinimum: true });
    const refused = await problemOf(auth.login({ username: 'collector1', password: 'Demo-1234', ...PHONE }, '198.51.100.7'));
    expect(refused.problem).toMatchObject({ status: 426, code: 'app-update-required', update: { ...OFFER, mandatory: true } });
    expect(messages.requestsOf(AuthMessages.login)).toEqual([]);
  });

  it('logs in without update news while ota cannot be reached', async () => {
    messages.fail(OtaMessages.decideUpdate, ProblemError.unavailable('ota', 'The ota service did not answer within 1500 ms'));
    const reply = await auth.login({ username: 'collector1', password: 'Demo-1234', ...PHONE }, '198.51.100.7');
    expect(reply.update).toBeNull();
    expect(reply.user.id).toBe('collector-1');
  });

  it('asks ota nothing for a web login or a phone too old to run the app, and never offers an update to a supervisor', async () => {
    messages.answer(AuthMessages.login, supervisorLoggedIn);
    const web = await auth.login({ username: 'supervisor1', password: 'Demo-1234' }, '198.51.100.7');
    expect(web.update).toBeNull();
    expect(tokens.verify(web.accessToken)).toMatchObject({ sub: 'supervisor-1', role: 'supervisor', deviceId: null });
    await auth.login({ username: 'supervisor1', password: 'Demo-1234', ...PHONE, androidSdk: 22 }, '198.51.100.7');
    expect(messages.requestsOf(OtaMessages.decideUpdate)).toEqual([]);

    messages.answer(OtaMessages.decideUpdate, { update: OFFER, belowMinimum: false });
    expect((await auth.login({ username: 'supervisor1', password: 'Demo-1234', ...PHONE }, '198.51.100.7')).update).toBeNull();
  });

  it('counts wrong passwords through the throttle: the sixth try of a pair is refused without asking the collector service', async () => {
    messages.fail(AuthMessages.login, ProblemError.unauthorized('Wrong username or password'));
    for (let i = 0; i < 5; i += 1)
      expect((await problemOf(auth.login({ username: 'collector1', password: 'wrong' }, '198.51.100.7'))).problem.status).toBe(401);
    const locked = await problemOf(auth.login({ username: 'collector1', password: 'Demo-1234' }, '198.51.100.7'));
    expect(locked.problem).toMatchObject({ status: 429, code: 'too-many-login-attempts' });
    expect(messages.requestsOf(AuthMessages.login)).toHaveLength(5);
  });
});
