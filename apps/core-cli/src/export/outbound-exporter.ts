import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { syncToDisk, writeFileAtomically } from '#libs/common';
import { OUTBOUND_KINDS, type OutboundAcknowledgement, type OutboundKind, type OutboundRows } from '#libs/contract';
import type { AdminApiClient } from '../admin-api/admin-api.client.js';
import type { ExportProgress } from './export-progress.js';

export interface ExportOptions {
  outDir: string;
  /** Rows per take, and so per file. */
  pageSize: number;
  progress: ExportProgress;
  /** Names this run's files apart from earlier runs'. */
  startedAt: Date;
}

export interface ExportedTable {
  kind: OutboundKind;
  rows: number;
  files: string[];
}

/**
 * Exports every outbound table as CSV files and acknowledges each page only
 * once its file is on disk: written under a temporary name, flushed, renamed,
 * and the folder flushed. A crash before an acknowledgement leaves the rows
 * pending, so the next export hands them out again (at least once); rows
 * already acknowledged are in a complete file. There is no cursor: each page
 * is simply the oldest rows still pending. The tables are independent, so
 * they are exported at once: one table's file is written while another's
 * page is read.
 */
export function exportOutbound(api: AdminApiClient, options: ExportOptions): Promise<ExportedTable[]> {
  return Promise.all(OUTBOUND_KINDS.map((kind) => exportTable(api, kind, options)));
}

async function exportTable(api: AdminApiClient, kind: OutboundKind, options: ExportOptions): Promise<ExportedTable> {
  const exported: ExportedTable = { kind, rows: 0, files: [] };
  let page = await take(api, kind, options.pageSize);
  options.progress.start(kind, page.pending);
  while (page.rows.length > 0) {
    const file = join(options.outDir, fileName(kind, options.startedAt, exported.files.length + 1));
    await writeFileAtomically(file, toCsv(page), options.outDir);
    await syncToDisk(options.outDir);
    await api.post<OutboundAcknowledgement>(`/api/v1/core/outbound/${kind}/ack`, { ids: page.rows.map((row) => row.id) });
    exported.files.push(file);
    exported.rows += page.rows.length;
    options.progress.advance(kind, page.rows.length);
    if (page.rows.length < options.pageSize) break;
    page = await take(api, kind, options.pageSize);
  }
  options.progress.finish(kind, exported.rows, exported.files.length);
  return exported;
}

function take(api: AdminApiClient, kind: OutboundKind, limit: number): Promise<OutboundRows> {
  return api.get<OutboundRows>(`/api/v1/core/outbound/${kind}?limit=${limit}`);
}

/** `visits-20261202T033000Z-0001.csv`: sorted by name, a run's files are in the order they were written. */
function fileName(kind: OutboundKind, startedAt: Date, page: number): string {
  const stamp = startedAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${kind}-${stamp}-${String(page).padStart(4, '0')}.csv`;
}

/** A header of the table's column names, then one line per row; an empty field is NULL. */
function toCsv(page: OutboundRows): string {
  return stringify(page.rows, { header: true, columns: page.columns });
}
