import type { SessionCheckRequest } from '../collection/auth.messages.js';
import type { WorklistDownload, WorklistRequest } from '../collection/field-views.js';
import { defineMessage } from '../message.js';
import type { CollectionDayRecord } from './field.records.js';

/** The collectors' worklists (LKH) kept by the database service. */
export const WorklistStore = {
  /**
   * The session's collector's open batch with its LKH, result codes and receipt ranges; null when no batch is open.
   * The session's standing is checked in the same read: a 401 problem when it has ended.
   */
  openDay: defineMessage<{ session: SessionCheckRequest }, CollectionDayRecord | null>('database', 'worklists.find-open-day'),
  /**
   * The stored LKH of the session's collector's open batch, its body left out when the tag is held; null when no
   * batch is open. The session's standing is checked in the same read: a 401 problem when it has ended.
   */
  findDocument: defineMessage<WorklistRequest, WorklistDownload | null>('database', 'worklists.find-document'),
} as const;
