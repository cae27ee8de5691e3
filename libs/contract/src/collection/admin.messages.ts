import { defineMessage } from '../message.js';
import type { Page, PageRequest } from './paging.js';
import type { Actor, DeviceView, Role, UserView } from './views.js';

/** Receipt numbers a collector may print offline: `prefix` followed by a six-digit number from `from` to `to`. */
export interface ReceiptRangeView {
  prefix: string;
  from: number;
  to: number;
}

export interface UserSummary extends UserView {
  active: boolean;
  /** False when an admin has blocked the collector from binding any phone not already bound to them. */
  mayBindDevices: boolean;
  createdAt: string;
  updatedAt: string;
  /** A collector's current receipt range; null for other roles or before one is assigned. */
  receiptRange: ReceiptRangeView | null;
}

export interface ListUsersRequest extends PageRequest {
  actor: Actor;
  role?: Role;
  branchCode?: string;
  active?: boolean;
}

export interface CreateUserRequest {
  actor: Actor;
  username: string;
  fullName: string;
  role: Role;
  /** Required for collectors and supervisors, absent for admins. */
  branchCode?: string | null;
  password: string;
}

export interface UpdateUserRequest {
  actor: Actor;
  userId: string;
  fullName?: string;
  role?: Role;
  branchCode?: string | null;
  active?: boolean;
  mayBindDevices?: boolean;
}

export interface ResetPasswordRequest {
  actor: Actor;
  userId: string;
  password: string;
}

export interface AssignReceiptRangeRequest extends ReceiptRangeView {
  actor: Actor;
  userId: string;
}

export type DeviceStatusName = DeviceView['status'];

export interface DeviceSummary extends DeviceView {
  username: string;
}

export interface ListDevicesRequest extends PageRequest {
  actor: Actor;
  userId?: string;
  status?: DeviceStatusName;
}

export interface DeviceActionRequest {
  actor: Actor;
  deviceId: string;
}

/** What a visit with this result must carry; the server enforces it on every visit. */
export interface ResultRequirements {
  payment: boolean;
  promise: boolean;
  gps: boolean;
  minPhotos: number;
}

export interface ResultCodeView {
  code: string;
  label: string;
  requires: ResultRequirements;
  active: boolean;
  sortOrder: number;
}

export interface CreateResultCodeRequest extends ResultCodeView {
  actor: Actor;
}

export interface UpdateResultCodeRequest {
  actor: Actor;
  code: string;
  label?: string;
  requires?: Partial<ResultRequirements>;
  active?: boolean;
  sortOrder?: number;
}

export interface AuditEntryView {
  id: number;
  occurredAt: string;
  actor: { id: string; username: string | null } | null;
  action: string;
  subjectType: string;
  subjectId: string;
  requestId: string | null;
  details: Record<string, unknown> | null;
}

export interface ListAuditRequest extends PageRequest {
  actor: Actor;
  action?: string;
  subjectType?: string;
  subjectId?: string;
}

/** Admin work on users, devices, result codes and the audit trail; each handler checks the actor is an admin. */
export const AdminMessages = {
  listUsers: defineMessage<ListUsersRequest, Page<UserSummary>>('collector', 'admin.list-users'),
  createUser: defineMessage<CreateUserRequest, UserSummary>('collector', 'admin.create-user'),
  updateUser: defineMessage<UpdateUserRequest, UserSummary>('collector', 'admin.update-user'),
  resetPassword: defineMessage<ResetPasswordRequest, UserSummary>('collector', 'admin.reset-password'),
  assignReceiptRange: defineMessage<AssignReceiptRangeRequest, UserSummary>('collector', 'admin.assign-receipt-range'),
  listDevices: defineMessage<ListDevicesRequest, Page<DeviceSummary>>('collector', 'admin.list-devices'),
  releaseDevice: defineMessage<DeviceActionRequest, DeviceSummary>('collector', 'admin.release-device'),
  revokeDevice: defineMessage<DeviceActionRequest, DeviceSummary>('collector', 'admin.revoke-device'),
  listResultCodes: defineMessage<{ actor: Actor }, ResultCodeView[]>('collector', 'admin.list-result-codes'),
  createResultCode: defineMessage<CreateResultCodeRequest, ResultCodeView>('collector', 'admin.create-result-code'),
  updateResultCode: defineMessage<UpdateResultCodeRequest, ResultCodeView>('collector', 'admin.update-result-code'),
  listAudit: defineMessage<ListAuditRequest, Page<AuditEntryView>>('collector', 'admin.list-audit'),
} as const;
