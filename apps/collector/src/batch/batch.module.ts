import { Module } from '@nestjs/common';
import { CollectionDayModule } from '../day/collection-day.module.js';
import { PhotosModule } from '../photos/photos.module.js';
import { BatchController } from './batch.controller.js';
import { BatchService } from './batch.service.js';

@Module({
  imports: [CollectionDayModule, PhotosModule],
  controllers: [BatchController],
  providers: [BatchService],
})
export class BatchModule {}
