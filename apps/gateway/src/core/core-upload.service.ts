import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ProblemError } from '#libs/common';
import { CoreMessages, type Actor, type CoreRowTableName } from '#libs/contract';
import { chunkCoreFile, CoreFileFormatError } from '#libs/core-files';
import { MessageClient } from '#libs/transport';

/** Streams an uploaded CSV file into a load's row table, a chunk of whole records per message, numbered as they are stored. */
@Injectable()
export class CoreUploadService {
  constructor(private readonly messages: MessageClient) {}

  async receive(actor: Actor, loadId: string, table: CoreRowTableName, body: Readable): Promise<{ received: number }> {
    let received = 0;
    try {
      for await (const { columns, records } of chunkCoreFile(body, table)) {
        received += (await this.messages.send(CoreMessages.appendRows, { actor, loadId, table, columns, firstRowNo: received + 1, records })).received;
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
