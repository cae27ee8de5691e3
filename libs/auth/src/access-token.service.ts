import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ProblemError } from '#libs/common';
import { ROLES, type AccessClaims, type AuthenticatedUser } from './access-claims.js';

const ALGORITHM = 'HS256';
const ISSUER = 'mobile-collection';

/** Issues and checks access tokens: HS256 only, with issuer and expiry always verified. */
@Injectable()
export class AccessTokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(claims: AccessClaims, expiresAt: Date): string {
    const { sub, ...rest } = claims;
    return this.jwt.sign({ ...rest, exp: Math.floor(expiresAt.getTime() / 1000) }, { subject: sub, algorithm: ALGORITHM, issuer: ISSUER });
  }

  verify(token: string): AuthenticatedUser {
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
    return {
      sub: payload.sub,
      username: payload.username,
      role: payload.role,
      branchId: payload.branchId ?? null,
      deviceId: payload.deviceId ?? null,
      token,
      expiresAt: new Date(payload.exp * 1000),
    };
  }
}
