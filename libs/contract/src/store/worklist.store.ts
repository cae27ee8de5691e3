import type { WorklistDownload, WorklistRequest } from '../collection/field-views.js';
import { defineMessage } from '../message.js';

/** The collectors' worklists (LKH) kept by the database service. */
export const WorklistStore = {
  /**
   * The stored LKH of the session's collector's open batch, its body left out when the tag is held; null when no
   * batch is open. The session's standing is checked in the same read: a 401 problem when it has ended.
   */
  findDocument: defineMessage<WorklistRequest, WorklistDownload | null>('database', 'worklists.find-document'),
} as const;
