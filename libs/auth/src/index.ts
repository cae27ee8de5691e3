export { ROLES, type Role, type AccessClaims, type AuthenticatedUser } from './access-claims.js';
export { AccessTokenService } from './access-token.service.js';
export { Public, Roles, CurrentActor, CurrentSession, SessionCheckedInCall, sessionOf, type AuthenticatedRequest } from './auth.decorators.js';
export { AuthGuard } from './auth.guard.js';
export { AuthModule } from './auth.module.js';
export { type SessionCheck } from './session.check.js';
export { sessionStanding } from './session-standing.js';
