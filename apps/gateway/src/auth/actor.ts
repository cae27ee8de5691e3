import type { AuthenticatedUser } from '#libs/auth';
import type { Actor } from '#libs/contract';

/** The authenticated caller as the services see it. */
export function actorOf(user: AuthenticatedUser): Actor {
  return { userId: user.sub, username: user.username, role: user.role, branchId: user.branchId, deviceId: user.deviceId };
}
