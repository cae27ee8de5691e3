import type { DeviceSummary, UserSummary } from '../collection/admin.messages.js';
import type { Page } from '../collection/paging.js';
import { defineMessage } from '../message.js';
import type { CloseBatchRequest, ResetBatchRecord, ResetBatchRequest } from './field-store-records.js';
import type { DeviceEnd, DeviceQuery, NewUserRecord, PasswordChange, ReceiptRangeChange, UserChange, UserQuery } from './admin-records.js';
import type { BatchView, BindDeviceRequest, DeviceView, OpenBatchRequest, SessionRecord, UserRecord } from './store-records.js';

/** Messages to the database service for users, devices and batches. */
export const UserStore = {
  findByUsername: defineMessage<{ username: string }, UserRecord | null>('database', 'users.findByUsername'),
  findById: defineMessage<{ userId: string }, UserRecord | null>('database', 'users.findById'),
  /** Asked on every authenticated request: the user and the token's phone in one round trip; null for an unknown user. */
  sessionOf: defineMessage<{ userId: string; deviceId: string | null }, SessionRecord | null>('database', 'users.sessionOf'),
  list: defineMessage<UserQuery, Page<UserSummary>>('database', 'users.list'),
  /** A conflict problem when the username is taken. */
  create: defineMessage<NewUserRecord, UserSummary>('database', 'users.create'),
  update: defineMessage<UserChange, UserSummary>('database', 'users.update'),
  setPassword: defineMessage<PasswordChange, UserSummary>('database', 'users.setPassword'),
  /** Replaces the collector's active range; a conflict problem when the prefix belongs to another range. */
  assignReceiptRange: defineMessage<ReceiptRangeChange, UserSummary>('database', 'users.assignReceiptRange'),
} as const;

export const DeviceStore = {
  /** Binds the phone to the collector, or refreshes it; a conflict problem when another phone is bound. */
  bind: defineMessage<BindDeviceRequest, DeviceView>('database', 'devices.bind'),
  list: defineMessage<DeviceQuery, Page<DeviceSummary>>('database', 'devices.list'),
  /** Ends a binding (release or revoke); a conflict problem when the device's status does not allow it. */
  end: defineMessage<DeviceEnd, DeviceSummary>('database', 'devices.end'),
} as const;

export const BatchStore = {
  /** The collector's open batch (moved to this device), or a new one on the worklist of the work date. */
  openForLogin: defineMessage<OpenBatchRequest, BatchView>('database', 'batches.openForLogin'),
  findOpen: defineMessage<{ collectorId: string }, BatchView | null>('database', 'batches.findOpen'),
  /** Closes an open batch that still holds the expected visits (audited); a 409 problem otherwise, nothing changed. */
  close: defineMessage<CloseBatchRequest, BatchView>('database', 'batches.close'),
  /** Closes the collector's open batch as reset (audited). */
  reset: defineMessage<ResetBatchRequest, ResetBatchRecord>('database', 'batches.reset'),
} as const;
