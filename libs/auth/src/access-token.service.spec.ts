import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { ProblemError } from '#libs/common';
import { AccessTokenService } from './access-token.service.js';

const SECRET = 'a-test-secret-of-32-characters!!';
const CLAIMS = { sub: 'collector-1', username: 'collector1', role: 'collector', branchId: 'branch-1', deviceId: 'device-1' } as const;
const ISSUED_AT = new Date('2026-03-02T08:00:00Z');

function problemOf(work: () => unknown): { status: number; detail: string } {
  try {
    work();
  } catch (error) {
    if (error instanceof ProblemError) return { status: error.problem.status, detail: error.problem.detail };
    throw error;
  }
  throw new Error('expected a problem');
}

describe('AccessTokenService', () => {
  const tokens = new AccessTokenService(new JwtService({ secret: SECRET }));

  afterEach(() => {
    jest.useRealTimers();
  });

  it('gives the same claims for a token checked again, as the token says them', () => {
    jest.useFakeTimers({ now: ISSUED_AT });
    const token = tokens.issue(CLAIMS, new Date(ISSUED_AT.getTime() + 3600_000));
    const first = tokens.verify(token);
    expect(first).toMatchObject({ ...CLAIMS, token, expiresAt: new Date(ISSUED_AT.getTime() + 3600_000) });
    expect(tokens.verify(token)).toEqual(first);
  });

  it('refuses a token once it expires, though its signature was checked while it was valid', () => {
    jest.useFakeTimers({ now: ISSUED_AT });
    const token = tokens.issue(CLAIMS, new Date(ISSUED_AT.getTime() + 60_000));
    expect(tokens.verify(token).sub).toBe('collector-1');
    jest.setSystemTime(ISSUED_AT.getTime() + 60_000);
    expect(problemOf(() => tokens.verify(token))).toEqual({ status: 401, detail: 'The access token has expired; log in again' });
  });

  it('refuses a token with the claims of a checked one under another signature', () => {
    jest.useFakeTimers({ now: ISSUED_AT });
    const token = tokens.issue(CLAIMS, new Date(ISSUED_AT.getTime() + 3600_000));
    tokens.verify(token);
    const forged = new AccessTokenService(new JwtService({ secret: 'another-secret-of-32-characters!' })).issue(
      CLAIMS,
      new Date(ISSUED_AT.getTime() + 3600_000),
    );
    expect(forged.split('.').slice(0, 2)).toEqual(token.split('.').slice(0, 2));
    expect(problemOf(() => tokens.verify(forged))).toEqual({ status: 401, detail: 'The access token is not valid' });
    expect(problemOf(() => tokens.verify(`${token.slice(0, -2)}AA`))).toEqual({ status: 401, detail: 'The access token is not valid' });
  });
});
