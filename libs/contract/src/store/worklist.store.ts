import { defineMessage } from '../message.js';
import type { WorklistDocument, WorklistRequest } from '../collection/field-views.js';
import type { CollectionDayRecord } from './field.records.js';

/** The collectors' worklists (LKH) kept by the database service. */
export const WorklistStore = {
  /** The collector's open batch with its LKH, result codes and receipt ranges; null when no batch is open. */
  openDay: defineMessage<{ collectorId: string }, CollectionDayRecord | null>('database', 'worklists.find-open-day'),
  /** The stored LKH of the actor's open batch, its body left out when the tag is held; null when no batch is open. */
  findDocument: defineMessage<WorklistRequest, WorklistDocument | null>('database', 'worklists.find-document'),
} as const;
