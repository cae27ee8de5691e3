import { ProblemError } from '#libs/common';
import type { Actor } from '#libs/contract';

/** The gateway admits only admins here; the service checks again, so no other caller of the message gets through. */
export function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw ProblemError.forbidden('This needs the admin role');
}
