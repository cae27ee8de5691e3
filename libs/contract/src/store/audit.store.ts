import type { AuditEntryView } from '../collection/admin.messages.js';
import type { Page } from '../collection/paging.js';
import { defineMessage } from '../message.js';
import type { AuditQuery } from './admin.records.js';

/** The audit trail kept by the database service. */
export const AuditStore = {
  list: defineMessage<AuditQuery, Page<AuditEntryView>>('database', 'audit.list'),
} as const;
