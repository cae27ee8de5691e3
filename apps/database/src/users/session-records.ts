import type { EntityManager } from 'typeorm';
import { sessionStanding } from '#libs/auth';
import type { DeviceView, Role, SessionCheckRequest, SessionRecord, SessionStanding } from '#libs/contract';
import { SqlDialect } from '../persistence/sql.dialect.js';

export interface SessionRow {
  role: Role;
  branch_id: string | null;
  active: boolean | number;
  device_user_id: string | null;
  device_status: DeviceView['status'] | null;
}

/** The user and the token's phone, by primary key: `:userId` and `:deviceId`. */
export const SESSION_ROW =
  'SELECT u.role, u.branch_id, u.active, d.user_id AS device_user_id, d.status AS device_status ' +
  'FROM app_user u LEFT JOIN device d ON d.id = :deviceId WHERE u.id = :userId';

/**
 * The user and the token's phone in one primary-key statement, with no query
 * building or entity hydration: every authenticated request reads it.
 */
export async function sessionRecordIn(manager: EntityManager, userId: string, deviceId: string | null): Promise<SessionRecord | null> {
  const [row] = await new SqlDialect(manager).read<SessionRow>(SESSION_ROW, { userId, deviceId });
  return row ? sessionRecordOf(row) : null;
}

export function sessionRecordOf(row: SessionRow): SessionRecord {
  return {
    role: row.role,
    branchId: row.branch_id,
    // SQLite and SQL Server hand a boolean column back as 0 or 1.
    active: row.active === true || Number(row.active) === 1,
    device: row.device_user_id && row.device_status ? { userId: row.device_user_id, status: row.device_status } : null,
  };
}

/**
 * The session's standing, checked inside the unit of work of the call it admits, so that the call acts on the
 * user and phone exactly as that unit of work sees them; a 401 problem when the session has ended.
 */
export async function requireStandingIn(manager: EntityManager, session: SessionCheckRequest): Promise<SessionStanding> {
  return sessionStanding(session, await sessionRecordIn(manager, session.userId, session.deviceId));
}
