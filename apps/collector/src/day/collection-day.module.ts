import { Module } from '@nestjs/common';
import { CollectionDayService } from './collection-day.service.js';

@Module({
  providers: [CollectionDayService],
  exports: [CollectionDayService],
})
export class CollectionDayModule {}
