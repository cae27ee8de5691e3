import type { DeviceStatusName, ResultCodeView, ResultRequirements } from '../collection/admin.messages.js';
import type { PageRequest } from '../collection/paging.js';
import type { Role } from '../collection/views.js';

/** Who made a change: every change request to the database names its actor, for the audit trail. */
export interface ChangeBy {
  actorId: string;
}

export interface BranchRecord {
  id: string;
  code: string;
  name: string;
}

export interface UserQuery extends PageRequest {
  role?: Role;
  branchId?: string;
  active?: boolean;
}

export interface NewUserRecord extends ChangeBy {
  username: string;
  fullName: string;
  role: Role;
  branchId: string | null;
  passwordHash: string;
}

export interface UserChange extends ChangeBy {
  userId: string;
  fullName?: string;
  role?: Role;
  branchId?: string | null;
  active?: boolean;
  mayBindDevices?: boolean;
}

export interface PasswordChange extends ChangeBy {
  userId: string;
  passwordHash: string;
}

export interface ReceiptRangeChange extends ChangeBy {
  userId: string;
  prefix: string;
  from: number;
  to: number;
}

export interface DeviceQuery extends PageRequest {
  userId?: string;
  status?: DeviceStatusName;
}

export interface DeviceEnd extends ChangeBy {
  deviceId: string;
  /** `released`: the collector may bind another phone; `revoked`: this phone is refused for good. */
  status: 'released' | 'revoked';
  at: string;
}

export type NewResultCode = ChangeBy & ResultCodeView;

export interface ResultCodeChange extends ChangeBy {
  code: string;
  label?: string;
  requires?: Partial<ResultRequirements>;
  active?: boolean;
  sortOrder?: number;
}

export interface AuditQuery extends PageRequest {
  action?: string;
  subjectType?: string;
  subjectId?: string;
}
