import type { SessionCheckRequest, SessionStanding } from '#libs/contract';

/**
 * Run on every authenticated request after the signature, for what a token
 * cannot say by itself (a disabled user, a changed role or branch, a revoked
 * phone). Each public app reads the session's record where it may reach it and
 * applies `sessionStanding`; a 401 ProblemError refuses.
 */
export const SESSION_CHECK = Symbol('SESSION_CHECK');

export interface SessionCheck {
  standingOf(claims: SessionCheckRequest): Promise<SessionStanding>;
}
