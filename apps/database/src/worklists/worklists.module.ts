import { Module } from '@nestjs/common';
import { WorklistsController } from './worklists.controller.js';
import { WorklistsRepository } from './worklists.repository.js';

@Module({
  controllers: [WorklistsController],
  providers: [WorklistsRepository],
})
export class WorklistsModule {}
