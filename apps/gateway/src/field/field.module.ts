import { Module } from '@nestjs/common';
import { BatchController } from './batch.controller.js';
import { VisitsController } from './visits.controller.js';
import { VisitsService } from './visits.service.js';
import { WorklistController } from './worklist.controller.js';

/** The collector's phone during the day: LKH, visit sync, sync status, close batch, reset. */
@Module({
  controllers: [WorklistController, VisitsController, BatchController],
  providers: [VisitsService],
})
export class FieldModule {}
