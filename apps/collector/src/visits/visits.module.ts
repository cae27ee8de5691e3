import { Module } from '@nestjs/common';
import { CollectionDayModule } from '../day/collection-day.module.js';
import { VisitsController } from './visits.controller.js';
import { VisitsService } from './visits.service.js';

@Module({
  imports: [CollectionDayModule],
  controllers: [VisitsController],
  providers: [VisitsService],
})
export class VisitsModule {}
