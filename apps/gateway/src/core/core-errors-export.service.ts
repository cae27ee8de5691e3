import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { CoreMessages, type Actor } from '#libs/contract';
import { MessageClient } from '#libs/transport';

const PAGE_SIZE = 500;
const COLUMNS = ['table', 'rowNo', 'field', 'code', 'message'];

/** A load's row errors as CSV, fetched a page at a time. Cells are rule names and numbers only: nothing to neutralize for spreadsheets. */
@Injectable()
export class CoreErrorsExportService {
  constructor(private readonly messages: MessageClient) {}

  async open(actor: Actor, loadId: string): Promise<Readable> {
    // The first page is fetched before answering, so an unknown load is a 404, not a broken download.
    const first = await this.messages.send(CoreMessages.loadErrors, { actor, loadId, limit: PAGE_SIZE, offset: 0 });
    const messages = this.messages;
    async function* pages() {
      let page = first;
      for (;;) {
        yield* page.items;
        const offset = page.offset + page.items.length;
        if (page.items.length === 0 || offset >= page.total) return;
        page = await messages.send(CoreMessages.loadErrors, { actor, loadId, limit: PAGE_SIZE, offset });
      }
    }
    return Readable.from(pages()).pipe(stringify({ header: true, columns: COLUMNS }));
  }
}
