import type { AuthenticatedUser } from './access-claims.js';

/**
 * A check run on every authenticated request after the signature, for what a
 * token cannot say by itself (a revoked device, a disabled user). Apps that
 * know such state pass one to `AuthModule.forRoot({ sessionCheck })`; it throws a ProblemError to refuse.
 */
export const SESSION_CHECK = Symbol('SESSION_CHECK');

export interface SessionCheck {
  assertActive(user: AuthenticatedUser): Promise<void>;
}
