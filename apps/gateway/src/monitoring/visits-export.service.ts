import { pipeline, Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { MonitoringMessages, type Actor, type Page, type VisitFilter, type VisitSummary } from '#libs/contract';
import { MessageClient } from '#libs/transport';

/** Rows fetched per message; the export holds one page in memory at a time. */
const EXPORT_PAGE_SIZE = 500;

const COLUMNS = [
  'visitId',
  'workDate',
  'visitedAt',
  'branch',
  'collector',
  'collectorName',
  'contractNo',
  'debtorName',
  'resultCode',
  'paymentAmount',
  'receiptNo',
  'promiseDate',
  'promiseAmount',
  'lat',
  'lng',
  'accuracyM',
  'photosExpected',
  'photosMissing',
  'notes',
  'receivedAt',
];

function toRow(visit: VisitSummary): Record<string, string | number | null> {
  return {
    visitId: visit.id,
    workDate: visit.workDate,
    visitedAt: visit.visitedAt,
    branch: visit.branchCode,
    collector: visit.collector.username,
    collectorName: visit.collector.fullName,
    contractNo: visit.account.contractNo,
    debtorName: visit.account.debtorName,
    resultCode: visit.resultCode,
    paymentAmount: visit.payment?.amount ?? null,
    receiptNo: visit.payment?.receiptNo ?? null,
    promiseDate: visit.promise?.date ?? null,
    promiseAmount: visit.promise?.amount ?? null,
    lat: visit.location?.lat ?? null,
    lng: visit.location?.lng ?? null,
    accuracyM: visit.location?.accuracy ?? null,
    photosExpected: visit.photosExpected,
    photosMissing: visit.photosMissing,
    notes: visit.notes,
    receivedAt: visit.receivedAt,
  };
}

/** A spreadsheet would run a cell starting with these as a formula; a leading quote keeps it text. */
function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The visit list as CSV, streamed page by page in the list's own order, so
 * an export of any size uses bounded memory.
 */
@Injectable()
export class VisitsExportService {
  private readonly logger = new Logger(VisitsExportService.name);

  constructor(private readonly messages: MessageClient) {}

  /** The first page is fetched before answering, so a refused filter or scope is still a problem+json reply. */
  async open(actor: Actor, filter: VisitFilter): Promise<Readable> {
    const first = await this.page(actor, filter, 0);
    const csv = stringify({ header: true, columns: COLUMNS, cast: { string: neutralizeFormula } });
    pipeline(Readable.from(this.rows(actor, filter, first)), csv, (error) => {
      if (error) this.logger.warn({ error: error.message }, 'visit export ended early');
    });
    return csv;
  }

  private async *rows(actor: Actor, filter: VisitFilter, first: Page<VisitSummary>): AsyncGenerator<Record<string, string | number | null>> {
    let page = first;
    let offset = 0;
    for (;;) {
      for (const visit of page.items) yield toRow(visit);
      offset += page.items.length;
      if (page.items.length < EXPORT_PAGE_SIZE || offset >= page.total) return;
      page = await this.page(actor, filter, offset);
    }
  }

  private page(actor: Actor, filter: VisitFilter, offset: number): Promise<Page<VisitSummary>> {
    return this.messages.send(MonitoringMessages.visits, { actor, ...filter, limit: EXPORT_PAGE_SIZE, offset });
  }
}
