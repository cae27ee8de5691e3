import type { SessionCheckRequest } from '../collection/auth.messages.js';
import { defineMessage } from '../message.js';
import type { CollectionDayRecord } from './field.records.js';

/** The collectors' worklists (LKH) kept by the database service. */
export const WorklistStore = {
  /**
   * The session's collector's open batch with its LKH, result codes and receipt ranges; null when no batch is open.
   * The session's standing is checked in the same read: a 401 problem when it has ended.
   */
  openDay: defineMessage<{ session: SessionCheckRequest }, CollectionDayRecord | null>('database', 'worklists.find-open-day'),
} as const;
