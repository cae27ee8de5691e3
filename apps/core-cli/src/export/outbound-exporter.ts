import { join } from 'node:path';
import { syncToDisk, writeFileAtomically } from '#libs/common';
import { OUTBOUND_KINDS, type OutboundAcknowledgement, type OutboundKind } from '#libs/contract';
import type { AdminApiClient } from '../admin-api/admin-api.client.js';
import { idsOfCsv } from './csv-ids.js';
import type { ExportProgress } from './export-progress.js';

export interface ExportOptions {
  outDir: string;
  /** Rows per take, and so per file, at most. */
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
 * page is read. Each page comes as the CSV file the database service made,
 * written as received; only the ids to acknowledge are read from it.
 */
export function exportOutbound(api: AdminApiClient, options: ExportOptions): Promise<ExportedTable[]> {
  return Promise.all(OUTBOUND_KINDS.map((kind) => exportTable(api, kind, options)));
}

async function exportTable(api: AdminApiClient, kind: OutboundKind, options: ExportOptions): Promise<ExportedTable> {
  const exported: ExportedTable = { kind, rows: 0, files: [] };
  let page = await take(api, kind, options.pageSize);
  options.progress.start(kind, page.pending);
  while (page.ids.length > 0) {
    const file = join(options.outDir, fileName(kind, options.startedAt, exported.files.length + 1));
    await writeFileAtomically(file, page.csv, options.outDir);
    await syncToDisk(options.outDir);
    await api.post<OutboundAcknowledgement>(`/api/v1/core/outbound/${kind}/ack`, { ids: page.ids });
    exported.files.push(file);
    exported.rows += page.ids.length;
    options.progress.advance(kind, page.ids.length);
    // Rows committed after the count are left to the next run; a file cut short of the page size by its bytes is not the last.
    if (page.ids.length >= page.pending) break;
    page = await take(api, kind, options.pageSize);
  }
  options.progress.finish(kind, exported.rows, exported.files.length);
  return exported;
}

interface CsvPage {
  csv: Buffer;
  ids: string[];
  pending: number;
}

async function take(api: AdminApiClient, kind: OutboundKind, limit: number): Promise<CsvPage> {
  const { bytes, headers } = await api.file(`/api/v1/core/outbound/${kind}/pending.csv?limit=${limit}`, 'text/csv');
  return { csv: bytes, ids: idsOfCsv(bytes.toString('utf8')), pending: Number(headers['x-pending-rows']) };
}

/** `visits-20261202T033000Z-0001.csv`: sorted by name, a run's files are in the order they were written. */
function fileName(kind: OutboundKind, startedAt: Date, page: number): string {
  const stamp = startedAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${kind}-${stamp}-${String(page).padStart(4, '0')}.csv`;
}
