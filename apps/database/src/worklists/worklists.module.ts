import { Module } from '@nestjs/common';
import { WorklistDocumentsRepository } from './worklist-documents.repository.js';
import { WorklistsController } from './worklists.controller.js';
import { WorklistsRepository } from './worklists.repository.js';

@Module({
  controllers: [WorklistsController],
  providers: [WorklistsRepository, WorklistDocumentsRepository],
})
export class WorklistsModule {}
