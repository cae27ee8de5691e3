import type { AuditEntryView, ResultCodeView } from '../collection/admin.messages.js';
import type { Page } from '../collection/paging.js';
import { defineMessage } from '../message.js';
import type { AuditQuery, BranchRecord, NewResultCode, ResultCodeChange } from './admin-records.js';

/** Messages to the database service for branches, result codes and the audit trail. */
export const BranchStore = {
  findByCode: defineMessage<{ code: string }, BranchRecord | null>('database', 'branches.findByCode'),
} as const;

export const ResultCodeStore = {
  list: defineMessage<Record<string, never>, ResultCodeView[]>('database', 'resultCodes.list'),
  /** A conflict problem when the code exists. */
  create: defineMessage<NewResultCode, ResultCodeView>('database', 'resultCodes.create'),
  /** A not-found problem for an unknown code. */
  update: defineMessage<ResultCodeChange, ResultCodeView>('database', 'resultCodes.update'),
} as const;

export const AuditStore = {
  list: defineMessage<AuditQuery, Page<AuditEntryView>>('database', 'audit.list'),
} as const;
