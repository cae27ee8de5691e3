export const ROLES = ['collector', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What an access token says about its holder; the gateway issues it at login. */
export interface AccessClaims {
  /** The user's id. */
  sub: string;
  username: string;
  role: Role;
  /** The branch a collector or supervisor belongs to; null for admins. */
  branchId: string | null;
  /** The device a collector logged in from; null for web users. */
  deviceId: string | null;
}

/** The authenticated caller of a request, as guards and handlers see it: role and branch as they are now, not as the token says. */
export interface AuthenticatedUser extends AccessClaims {
  token: string;
  expiresAt: Date;
  /** Set on routes whose call checks the session in the database: role and branch are then the token's, not yet checked. */
  sessionCheckedInCall?: true;
}
