import type { UserSummary } from '../collection/admin.messages.js';
import type { Page } from '../collection/paging.js';
import { defineMessage } from '../message.js';
import type { NewUserRecord, PasswordChange, ReceiptRangeChange, UserChange, UserQuery } from './admin.records.js';
import type { SessionRecord, UserRecord } from './session.records.js';

/** The users kept by the database service. */
export const UserStore = {
  findByUsername: defineMessage<{ username: string }, UserRecord | null>('database', 'users.find-by-username'),
  findById: defineMessage<{ userId: string }, UserRecord | null>('database', 'users.find-by-id'),
  /** Asked on every authenticated request: the user and the token's phone in one round trip; null for an unknown user. */
  sessionOf: defineMessage<{ userId: string; deviceId: string | null }, SessionRecord | null>('database', 'users.find-session'),
  list: defineMessage<UserQuery, Page<UserSummary>>('database', 'users.list'),
  /** A conflict problem when the username is taken. */
  create: defineMessage<NewUserRecord, UserSummary>('database', 'users.create'),
  update: defineMessage<UserChange, UserSummary>('database', 'users.update'),
  setPassword: defineMessage<PasswordChange, UserSummary>('database', 'users.set-password'),
  /** Replaces the collector's active range; a conflict problem when the prefix belongs to another range. */
  assignReceiptRange: defineMessage<ReceiptRangeChange, UserSummary>('database', 'users.assign-receipt-range'),
} as const;
