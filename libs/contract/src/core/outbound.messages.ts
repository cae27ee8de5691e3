import type { Actor } from '../collection/views.js';
import { defineMessage } from '../message.js';

/** The outbound interface tables by the name the REST API and the export files give them. */
export const OUTBOUND_KINDS = ['visits', 'payments', 'promises', 'photos', 'collector-days'] as const;
export type OutboundKind = (typeof OUTBOUND_KINDS)[number];

/** A row as its interface table holds it: column name to value, instants as ISO 8601 UTC text. */
export type OutboundRow = Record<string, string | number | null>;

export interface TakeOutboundRequest {
  actor: Actor;
  kind: OutboundKind;
  limit: number;
}

export interface OutboundRows {
  kind: OutboundKind;
  /** The table's columns in order, `acked_at` left out: every row holds each of them. */
  columns: string[];
  rows: OutboundRow[];
  /** Rows not yet acknowledged when these were taken, these included. */
  pending: number;
}

/**
 * The same oldest pending rows as a CSV file: a header line of the columns,
 * then one line per row. The file is written once, in the database service,
 * and its bytes travel beside the message's JSON to the client unparsed.
 * Each row's `id` is its first field.
 */
export interface OutboundCsvPage {
  kind: OutboundKind;
  /** Rows not yet acknowledged when these were taken, these included. */
  pending: number;
  csv: Buffer;
}

export interface AcknowledgeOutboundRequest {
  actor: Actor;
  kind: OutboundKind;
  ids: string[];
}

export interface OutboundAcknowledgement {
  kind: OutboundKind;
  /** Rows this call acknowledged; ids already acknowledged, or unknown, count for nothing. */
  acknowledged: number;
}

/** What the core fetches: admin calls, checked by the collector service. */
export const CoreOutboundMessages = {
  take: defineMessage<TakeOutboundRequest, OutboundRows>('collector', 'core-outbound.take'),
  takeCsv: defineMessage<TakeOutboundRequest, OutboundCsvPage>('collector', 'core-outbound.take-csv'),
  acknowledge: defineMessage<AcknowledgeOutboundRequest, OutboundAcknowledgement>('collector', 'core-outbound.acknowledge'),
} as const;

/** The outbound tables at the database service. */
export const CoreOutboundStore = {
  take: defineMessage<{ kind: OutboundKind; limit: number }, OutboundRows>('database', 'core-outbound.take'),
  takeCsv: defineMessage<{ kind: OutboundKind; limit: number }, OutboundCsvPage>('database', 'core-outbound.take-csv'),
  acknowledge: defineMessage<{ actorId: string; kind: OutboundKind; ids: string[] }, OutboundAcknowledgement>('database', 'core-outbound.acknowledge'),
} as const;
