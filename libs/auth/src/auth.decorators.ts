import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '#libs/contract';
import type { AuthenticatedUser, Role } from './access-claims.js';

export const PUBLIC_ROUTE = 'auth:public';
export const REQUIRED_ROLES = 'auth:roles';

/** The route answers without a token (login, health, downloads). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call the route; without it any authenticated user may. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export type AuthenticatedRequest = Request & { user?: AuthenticatedUser };

/** The authenticated caller, set by the guard, as the services see it: passed with every message made on its behalf. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentActor used on a public route');
  return { userId: user.sub, username: user.username, role: user.role, branchId: user.branchId, deviceId: user.deviceId };
});
