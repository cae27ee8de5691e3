import type { ResultCodeView } from '../collection/admin.messages.js';
import { defineMessage } from '../message.js';
import type { NewResultCode, ResultCodeChange } from './admin.records.js';

/** The visit result codes kept by the database service. */
export const ResultCodeStore = {
  list: defineMessage<Record<string, never>, ResultCodeView[]>('database', 'result-codes.list'),
  /** A conflict problem when the code exists. */
  create: defineMessage<NewResultCode, ResultCodeView>('database', 'result-codes.create'),
  /** A not-found problem for an unknown code. */
  update: defineMessage<ResultCodeChange, ResultCodeView>('database', 'result-codes.update'),
} as const;
