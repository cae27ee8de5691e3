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

/** Rows of one table, numbered as in their file (the header is row 0). Values are the file's text, or null when empty. */
export interface CoreRowChunk {
  loadId: string;
  table: CoreRowTableName;
  rows: { rowNo: number; values: Record<string, string | null> }[];
}

export interface CoreLoadRef {
  loadId: string;
}

export type CoreActorRequest<T> = T & { actor: Actor };
