import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  BatchStore,
  type BatchView,
  type CloseBatchRequest,
  type OpenBatchRequest,
  type ResetBatchRecord,
  type ResetBatchRequest,
} from '#libs/contract';
import { BatchesRepository } from './batches.repository.js';

@Controller()
export class BatchesController {
  constructor(private readonly batches: BatchesRepository) {}

  @MessagePattern(BatchStore.openForLogin.pattern)
  openForLogin(@Payload() request: OpenBatchRequest): Promise<BatchView> {
    return this.batches.openForLogin(request);
  }

  @MessagePattern(BatchStore.findOpen.pattern)
  findOpen(@Payload() request: { collectorId: string }): Promise<BatchView | null> {
    return this.batches.findOpen(request.collectorId);
  }

  @MessagePattern(BatchStore.close.pattern)
  close(@Payload() request: CloseBatchRequest): Promise<BatchView> {
    return this.batches.close(request);
  }

  @MessagePattern(BatchStore.reset.pattern)
  reset(@Payload() request: ResetBatchRequest): Promise<ResetBatchRecord> {
    return this.batches.reset(request);
  }
}
