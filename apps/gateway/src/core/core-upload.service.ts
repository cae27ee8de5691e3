import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ProblemError } from '#libs/common';
import { CoreMessages, type Actor, type CoreRowTableName } from '#libs/contract';
import { CoreFileFormatError, readCoreFile } from '#libs/core-files';
import { MessageClient } from '#libs/transport';

/** Rows sent per message: a few hundred kilobytes, well inside the transport's cap. */
const ROWS_PER_MESSAGE = 2000;

/** Streams an uploaded CSV file into a load's row table, a chunk of rows per message. */
@Injectable()
export class CoreUploadService {
  constructor(private readonly messages: MessageClient) {}

  async receive(actor: Actor, loadId: string, table: CoreRowTableName, body: Readable): Promise<{ received: number }> {
    let received = 0;
    try {
      for await (const rows of readCoreFile(body, table, ROWS_PER_MESSAGE)) {
        received += (await this.messages.send(CoreMessages.appendRows, { actor, loadId, table, rows })).received;
      }
    } catch (error) {
      if (error instanceof CoreFileFormatError || (error as { code?: string }).code?.startsWith('CSV_')) {
        throw ProblemError.badRequest('core-file-invalid', `The file cannot be read: ${(error as Error).message}`);
      }
      throw error;
    }
    return { received };
  }
}
