import { ProblemError } from '#libs/common';
import type { SessionCheckRequest, SessionRecord, SessionStanding } from '#libs/contract';

/**
 * The one rule that decides, on every authenticated request of either public
 * app, whether a token may still act and as whom. A disabled user, a role
 * changed since login, or a collector's phone no longer bound to them ends the
 * session (401, log in again); otherwise the request acts on the role and the
 * branch as they are now, so a branch move needs no new login.
 */
export function sessionStanding(claims: SessionCheckRequest, session: SessionRecord | null): SessionStanding {
  if (!session?.active) throw ProblemError.unauthorized('This account is disabled');
  if (session.role !== claims.role) {
    throw ProblemError.unauthorized(`This account's role changed from ${claims.role} to ${session.role}; log in again`);
  }
  if (session.role === 'collector' && (session.device?.status !== 'active' || session.device.userId !== claims.userId)) {
    throw ProblemError.unauthorized('This phone is no longer bound to the account; log in again');
  }
  return { role: session.role, branchId: session.branchId };
}
