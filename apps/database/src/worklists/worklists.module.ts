import { Module } from '@nestjs/common';
import { WorklistDocumentsRepository } from './worklist-documents.repository.js';
import { WorklistsController } from './worklists.controller.js';

@Module({
  controllers: [WorklistsController],
  providers: [WorklistDocumentsRepository],
})
export class WorklistsModule {}
