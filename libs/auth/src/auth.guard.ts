import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemError } from '#libs/common';
import type { Role } from './access-claims.js';
import { AccessTokenService } from './access-token.service.js';
import { PUBLIC_ROUTE, REQUIRED_ROLES, SESSION_CHECKED_IN_CALL, type AuthenticatedRequest } from './auth.decorators.js';
import { SESSION_CHECK, type SessionCheck } from './session.check.js';

/**
 * Every route needs a valid bearer token unless marked @Public(); @Roles() narrows who. The session
 * check runs on every request, and the handler sees the caller's role and branch as they are now: here,
 * or, on a route marked @SessionCheckedInCall(), in the database within the call itself.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    @Inject(SESSION_CHECK) private readonly sessions: SessionCheck,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerTokenOf(request.headers.authorization);
    const claims = this.tokens.verify(token);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    const admitted = !roles || roles.includes(claims.role);
    if (admitted && this.reflector.getAllAndOverride<boolean>(SESSION_CHECKED_IN_CALL, targets)) {
      request.user = { ...claims, sessionCheckedInCall: true };
      return true;
    }
    // Authentication before authorization: a disabled user, a changed role or an unbound phone gets 401 on every route, never a 403.
    const standing = await this.sessions.standingOf({ userId: claims.sub, role: claims.role, deviceId: claims.deviceId });
    const user = { ...claims, ...standing };
    if (roles && !roles.includes(user.role)) {
      throw ProblemError.forbidden(`This needs the ${roles.join(' or ')} role`);
    }
    request.user = user;
    return true;
  }
}

function bearerTokenOf(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) throw ProblemError.unauthorized();
  return match[1];
}
