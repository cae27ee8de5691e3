import { defineMessage } from '../message.js';
import type { BranchRecord } from './admin.records.js';

/** The branches kept by the database service. */
export const BranchStore = {
  findByCode: defineMessage<{ code: string }, BranchRecord | null>('database', 'branches.find-by-code'),
} as const;
