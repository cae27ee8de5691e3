import { defineMessage } from '../message.js';
import type { CollectionDayRecord } from './field.records.js';

/** The collectors' worklists (LKH) kept by the database service. */
export const WorklistStore = {
  /** The collector's open batch with its LKH, result codes and receipt ranges; null when no batch is open. */
  openDay: defineMessage<{ collectorId: string }, CollectionDayRecord | null>('database', 'worklists.find-open-day'),
} as const;
