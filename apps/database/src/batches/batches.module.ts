import { Module } from '@nestjs/common';
import { BatchesController } from './batches.controller.js';
import { BatchesRepository } from './batches.repository.js';

@Module({
  controllers: [BatchesController],
  providers: [BatchesRepository],
})
export class BatchesModule {}
