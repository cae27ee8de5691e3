import { Module } from '@nestjs/common';
import { CollectionDayModule } from '../day/collection-day.module.js';
import { PhotoPresence } from '../photos/photo-presence.js';
import { BatchController } from './batch.controller.js';
import { BatchService } from './batch.service.js';

@Module({
  imports: [CollectionDayModule],
  controllers: [BatchController],
  providers: [BatchService, PhotoPresence],
})
export class BatchModule {}
