import { Module } from '@nestjs/common';
import { CollectionDayModule } from '../day/collection-day.module.js';
import { WorklistController } from './worklist.controller.js';
import { WorklistService } from './worklist.service.js';

@Module({
  imports: [CollectionDayModule],
  controllers: [WorklistController],
  providers: [WorklistService],
})
export class WorklistModule {}
