import { describe, expect, it } from '@jest/globals';
import { UserStore } from '#libs/contract';
import { FakeMessageClient } from '../../../test/support/fake-message-client.js';
import { problemOf } from '../../../test/support/problems.js';
import { DatabaseSessionCheck } from './database-session.check.js';

describe('DatabaseSessionCheck', () => {
  it("reads the token's user and phone from the database service as they are now, on every call", async () => {
    const messages = new FakeMessageClient();
    const sessions = new DatabaseSessionCheck(messages);
    const claims = { userId: 'collector-1', role: 'collector' as const, deviceId: 'device-1' };
    messages.answer(UserStore.sessionOf, { role: 'collector', branchId: 'branch-bdg', active: true, device: { userId: 'collector-1', status: 'active' } });
    expect(await sessions.standingOf(claims)).toEqual({ role: 'collector', branchId: 'branch-bdg' });
    expect(messages.requestsOf(UserStore.sessionOf)).toEqual([{ userId: 'collector-1', deviceId: 'device-1' }]);

    messages.answer(UserStore.sessionOf, { role: 'collector', branchId: 'branch-jkt', active: true, device: { userId: 'collector-1', status: 'revoked' } });
    expect((await problemOf(sessions.standingOf(claims))).problem).toMatchObject({
      status: 401,
      detail: 'This phone is no longer bound to the account; log in again',
    });
    expect(messages.requestsOf(UserStore.sessionOf)).toHaveLength(2);
  });
});
