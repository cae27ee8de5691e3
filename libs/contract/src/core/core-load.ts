import type { Actor } from '../collection/views.js';

export const CORE_LOAD_STATUSES = ['loading', 'ready', 'applied', 'duplicate', 'held', 'failed'] as const;
export type CoreLoadStatusName = (typeof CORE_LOAD_STATUSES)[number];

/** The row tables of an inbound load, in the order the bridge checks and applies them. */
export const CORE_ROW_TABLES = ['collector', 'account', 'assignment'] as const;
export type CoreRowTableName = (typeof CORE_ROW_TABLES)[number];

/** One load the core supplied, with where it stands. */
export interface CoreLoadView {
  id: string;
  kind: string;
  workDate: string;
  status: CoreLoadStatusName;
  declaredRows: number;
  contentHash: string | null;
  acceptBadRows: boolean;
  rows: { collectors: number | null; accounts: number | null; assignments: number | null };
  badRows: number | null;
  worklistsChanged: number | null;
  duplicateOf: string | null;
  message: string | null;
  createdAt: string;
  appliedAt: string | null;
}

/** Why one row was not applied: where it is and which rule it broke, never what it holds. */
export interface CoreLoadErrorView {
  table: CoreRowTableName;
  rowNo: number;
  field: string;
  code: string;
  message: string;
}

export interface CoreLoadQuery {
  status?: CoreLoadStatusName;
  contentHash?: string;
  limit: number;
  offset: number;
}

/** A load begun over the files route: rows follow in chunks, then it is marked ready. */
export interface NewCoreLoad {
  kind: string;
  workDate: string;
  contentHash?: string;
}

/**
 * Whole records of one table's file as CSV bytes (UTF-8), without the
 * header, whose `columns` (lower case, in the header's order) it passes
 * along. The bytes travel beside the message's JSON, as a photo's do. The
 * first record is row `firstRowNo` of the file (the header is row 0).
 */
export interface CoreRowChunk {
  loadId: string;
  table: CoreRowTableName;
  columns: string[];
  firstRowNo: number;
  records: Buffer;
}

export interface CoreLoadRef {
  loadId: string;
}

export type CoreActorRequest<T> = T & { actor: Actor };
