import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { WorklistStore, type WorklistDownload, type WorklistRequest } from '#libs/contract';
import { Handles } from '#libs/transport';
import { WorklistDocumentsRepository } from './worklist-documents.repository.js';

@Controller()
export class WorklistsController {
  constructor(private readonly documents: WorklistDocumentsRepository) {}

  @Handles(WorklistStore.findDocument)
  findDocument(@Payload() request: WorklistRequest): Promise<WorklistDownload | null> {
    return this.documents.find(request);
  }
}
