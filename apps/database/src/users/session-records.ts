import type { EntityManager } from 'typeorm';
import { sessionStanding } from '#libs/auth';
import type { SessionCheckRequest, SessionRecord, SessionStanding } from '#libs/contract';
import { Device, User } from '#libs/entities';

/** Two primary-key reads and no branch lookup: this runs on every authenticated request. */
export async function sessionRecordIn(manager: EntityManager, userId: string, deviceId: string | null): Promise<SessionRecord | null> {
  const [user, device] = await Promise.all([
    manager.findOne(User, { where: { id: userId }, select: { role: true, branchId: true, active: true } }),
    deviceId ? manager.findOne(Device, { where: { id: deviceId }, select: { userId: true, status: true } }) : null,
  ]);
  if (!user) return null;
  return { role: user.role, branchId: user.branchId, active: user.active, device: device ? { userId: device.userId, status: device.status } : null };
}

/**
 * The session's standing, checked inside the unit of work of the call it admits, so that the call acts on the
 * user and phone exactly as that unit of work sees them; a 401 problem when the session has ended.
 */
export async function requireStandingIn(manager: EntityManager, session: SessionCheckRequest): Promise<SessionStanding> {
  return sessionStanding(session, await sessionRecordIn(manager, session.userId, session.deviceId));
}
