import type { IncomingMessage } from 'node:http';
import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Actor, SessionCheckRequest } from '#libs/contract';
import type { AuthenticatedUser, Role } from './access-claims.js';

export const PUBLIC_ROUTE = 'auth:public';
export const REQUIRED_ROLES = 'auth:roles';
export const SESSION_CHECKED_IN_CALL = 'auth:session-checked-in-call';

/** The route answers without a token (login, health, downloads). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call the route; without it any authenticated user may. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/**
 * The route's call carries the token's session to the database, which checks its standing (`sessionStanding`) in
 * the same unit of work as the call: a hot path then crosses each service once, and a disabled user, a changed
 * role or a revoked phone is still refused at the very next request. Its handler takes `@CurrentSession()`.
 */
export const SessionCheckedInCall = () => SetMetadata(SESSION_CHECKED_IN_CALL, true);

/** Node's own request is all the guard reads (its headers): Express's, or one answered ahead of Express. */
export type AuthenticatedRequest = IncomingMessage & { user?: AuthenticatedUser };

/** The authenticated caller, set by the guard, as the services see it: passed with every message made on its behalf. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentActor used on a public route');
  if (user.sessionCheckedInCall) throw new Error('CurrentActor used on a route whose session is checked in its call; use CurrentSession');
  return { userId: user.sub, username: user.username, role: user.role, branchId: user.branchId, deviceId: user.deviceId };
});

/** The token's session, unchecked: for routes marked `@SessionCheckedInCall()`, whose call has the database check it. */
export const CurrentSession = createParamDecorator((_data: unknown, context: ExecutionContext): SessionCheckRequest =>
  sessionOf(context.switchToHttp().getRequest<AuthenticatedRequest>()),
);

/** What `@CurrentSession()` gives, from a request the guard admitted. */
export function sessionOf(request: AuthenticatedRequest): SessionCheckRequest {
  const user = request.user;
  if (!user) throw new Error('CurrentSession used on a public route');
  return { userId: user.sub, role: user.role, deviceId: user.deviceId };
}
