import { describe, expect, it } from '@jest/globals';
import type { Actor } from '#libs/contract';
import { mayViewPhoto } from './photo-access.policy.js';

const uploader = { userId: 'collector-1', branchId: 'JKT01' };

function viewer(claims: Partial<Actor>): Actor {
  return { userId: 'someone', username: 'someone', role: 'collector', branchId: 'JKT01', deviceId: null, ...claims };
}

describe('mayViewPhoto', () => {
  it.each([
    ['the collector who took it', viewer({ userId: 'collector-1' }), true],
    ['another collector of the same branch', viewer({ userId: 'collector-2' }), false],
    ['a supervisor of the same branch', viewer({ userId: 'supervisor-1', role: 'supervisor' }), true],
    ['a supervisor of another branch', viewer({ userId: 'supervisor-2', role: 'supervisor', branchId: 'BDG01' }), false],
    ['a supervisor without a branch', viewer({ userId: 'supervisor-3', role: 'supervisor', branchId: null }), false],
    ['an admin', viewer({ userId: 'admin', role: 'admin', branchId: null }), true],
  ])('%s: %s', (_who, claims, allowed) => {
    expect(mayViewPhoto(claims, uploader)).toBe(allowed);
  });

  it('lets no supervisor see a photo whose uploader has no branch', () => {
    expect(mayViewPhoto(viewer({ role: 'supervisor', branchId: null }), { userId: 'collector-9', branchId: null })).toBe(false);
  });
});
