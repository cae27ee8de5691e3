import { Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemError } from '#libs/common';
import type { Role } from './access-claims.js';
import { AccessTokenService } from './access-token.service.js';
import { PUBLIC_ROUTE, REQUIRED_ROLES, type AuthenticatedRequest } from './auth.decorators.js';
import { SESSION_CHECK, type SessionCheck } from './session-check.js';

/** Every route needs a valid bearer token unless marked @Public(); @Roles() narrows who. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    @Optional() @Inject(SESSION_CHECK) private readonly sessions?: SessionCheck,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerTokenOf(request.header('authorization'));
    const user = this.tokens.verify(token);
    // Authentication before authorization: a revoked phone or disabled user gets 401 on every route, never a 403.
    await this.sessions?.assertActive(user);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
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
