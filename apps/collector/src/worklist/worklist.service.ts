import { Injectable } from '@nestjs/common';
import { WorklistStore, type WorklistDownload, type WorklistRequest } from '#libs/contract';
import { MessageClient } from '#libs/transport';
import { noOpenBatch, requireCollector } from '../day/collection-day.service.js';

@Injectable()
export class WorklistService {
  constructor(private readonly messages: MessageClient) {}

  /**
   * Today's LKH of the open batch, as stored when the batch opened; its body stays text, passed on unread.
   * The database checks the session in the same read.
   */
  async worklistOf(request: WorklistRequest): Promise<WorklistDownload> {
    requireCollector(request.session);
    const document = await this.messages.send(WorklistStore.findDocument, request);
    if (!document) throw noOpenBatch();
    return document;
  }
}
