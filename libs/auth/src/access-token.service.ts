import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ProblemError } from '#libs/common';
import { ROLES, type AccessClaims, type AuthenticatedUser } from './access-claims.js';

const ALGORITHM = 'HS256';
const ISSUER = 'mobile-collection';

/**
 * Tokens whose signature has been checked, kept by their exact text. A phone sends the same token all day, and a
 * signature that was good once stays good: only expiry changes with time, so it is checked on every use. This
 * says nothing of the session (a revoked phone, a disabled user), which is checked on every request regardless.
 */
const VERIFIED_TOKENS_KEPT = 10_000;

/** Issues and checks access tokens: HS256 only, with issuer and expiry always verified. */
@Injectable()
export class AccessTokenService {
  private readonly verified = new Map<string, AuthenticatedUser>();

  constructor(private readonly jwt: JwtService) {}

  issue(claims: AccessClaims, expiresAt: Date): string {
    const { sub, ...rest } = claims;
    return this.jwt.sign({ ...rest, exp: Math.floor(expiresAt.getTime() / 1000) }, { subject: sub, algorithm: ALGORITHM, issuer: ISSUER });
  }

  verify(token: string): AuthenticatedUser {
    const known = this.verified.get(token);
    if (known && known.expiresAt.getTime() > Date.now()) return known;
    const user = this.checkSignature(token);
    // The oldest token checked goes first: a token in use all day is checked again once in a while, at no risk.
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, user);
    return user;
  }

  private checkSignature(token: string): AuthenticatedUser {
    let payload: AccessClaims & { exp: number };
    try {
      payload = this.jwt.verify(token, { algorithms: [ALGORITHM], issuer: ISSUER });
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw ProblemError.unauthorized(expired ? 'The access token has expired; log in again' : 'The access token is not valid');
    }
    if (!(ROLES as readonly string[]).includes(payload.role) || typeof payload.sub !== 'string') {
      throw ProblemError.unauthorized('The access token is not valid');
    }
    return Object.freeze({
      sub: payload.sub,
      username: payload.username,
      role: payload.role,
      branchId: payload.branchId ?? null,
      deviceId: payload.deviceId ?? null,
      token,
      expiresAt: new Date(payload.exp * 1000),
    });
  }
}
