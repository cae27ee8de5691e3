import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { WorklistStore, type CollectionDayRecord, type SessionCheckRequest, type WorklistDownload, type WorklistRequest } from '#libs/contract';
import { Handles } from '#libs/transport';
import { WorklistDocumentsRepository } from './worklist-documents.repository.js';
import { WorklistsRepository } from './worklists.repository.js';

@Controller()
export class WorklistsController {
  constructor(
    private readonly worklists: WorklistsRepository,
    private readonly documents: WorklistDocumentsRepository,
  ) {}

  @Handles(WorklistStore.openDay)
  openDay(@Payload() request: { session: SessionCheckRequest }): Promise<CollectionDayRecord | null> {
    return this.worklists.openDay(request.session);
  }

  @Handles(WorklistStore.findDocument)
  findDocument(@Payload() request: WorklistRequest): Promise<WorklistDownload | null> {
    return this.documents.find(request);
  }
}
