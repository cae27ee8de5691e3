import { describe, expect, it } from '@jest/globals';
import { ProblemError } from '#libs/common';
import type { SessionCheckRequest, SessionRecord } from '#libs/contract';
import { sessionStanding } from './session-standing.js';

const collector: SessionCheckRequest = { userId: 'collector-1', role: 'collector', deviceId: 'device-1' };
const supervisor: SessionCheckRequest = { userId: 'supervisor-1', role: 'supervisor', deviceId: null };
const admin: SessionCheckRequest = { userId: 'admin-1', role: 'admin', deviceId: null };

function record(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return { role: 'collector', branchId: 'JKT01', active: true, device: { userId: 'collector-1', status: 'active' }, ...overrides };
}

function refusal(claims: SessionCheckRequest, session: SessionRecord | null): { status: number; detail: string } {
  try {
    sessionStanding(claims, session);
  } catch (error) {
    if (error instanceof ProblemError) return { status: error.problem.status, detail: error.problem.detail };
    throw error;
  }
  throw new Error('expected the session to be refused');
}

describe('sessionStanding', () => {
  it('answers the role and the branch as they are now', () => {
    expect(sessionStanding(collector, record())).toEqual({ role: 'collector', branchId: 'JKT01' });
    expect(sessionStanding(supervisor, record({ role: 'supervisor', branchId: 'BDG01', device: null }))).toEqual({ role: 'supervisor', branchId: 'BDG01' });
    expect(sessionStanding(admin, record({ role: 'admin', branchId: null, device: null }))).toEqual({ role: 'admin', branchId: null });
  });

  it.each([
    ['an unknown user', admin, null, 'disabled'],
    ['a disabled admin', admin, record({ role: 'admin', branchId: null, active: false, device: null }), 'disabled'],
    ['a disabled collector on a bound phone', collector, record({ active: false }), 'disabled'],
    ['an admin demoted to supervisor', admin, record({ role: 'supervisor', device: null }), 'role changed from admin to supervisor'],
    ['a supervisor promoted to admin', supervisor, record({ role: 'admin', branchId: null, device: null }), 'role changed from supervisor to admin'],
    ['a collector made supervisor, on the phone', collector, record({ role: 'supervisor' }), 'role changed from collector to supervisor'],
    ['a collector whose phone was revoked', collector, record({ device: { userId: 'collector-1', status: 'revoked' } }), 'phone'],
    ['a collector whose phone was released', collector, record({ device: { userId: 'collector-1', status: 'released' } }), 'phone'],
    ["a collector naming another collector's phone", collector, record({ device: { userId: 'collector-2', status: 'active' } }), 'phone'],
    ['a collector without a phone', { ...collector, deviceId: null }, record({ device: null }), 'phone'],
  ] as const)('ends the session of %s with 401', (_who, claims, session, reason) => {
    const { status, detail } = refusal(claims, session);
    expect(status).toBe(401);
    expect(detail).toContain(reason);
  });
});
