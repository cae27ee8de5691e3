import type { BatchView, DeviceView, Role } from '../collection/views.js';

/** A user as the database hands it to the collector, hash included (never leaves the collector). */
export interface UserRecord {
  id: string;
  username: string;
  fullName: string;
  passwordHash: string;
  role: Role;
  branchId: string | null;
  branchCode: string | null;
  active: boolean;
}

/** What a token's session rests on: its user as they are now and, for a collector, the phone the token names. */
export interface SessionRecord {
  role: Role;
  branchId: string | null;
  active: boolean;
  device: { userId: string; status: DeviceView['status'] } | null;
}

export interface BindDeviceRequest {
  userId: string;
  deviceKey: string;
  model: string | null;
  androidSdk: number;
  appVersionCode: number;
  at: string;
}

export interface OpenBatchRequest {
  collectorId: string;
  deviceId: string;
  workDate: string;
  at: string;
}

export type { BatchView, DeviceView };
