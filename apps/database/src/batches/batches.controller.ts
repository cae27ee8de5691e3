import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BatchStore, type BatchView, type CloseBatchRequest, type OpenBatchRequest, type ResetBatchRecord, type ResetBatchRequest } from '#libs/contract';
import { Handles } from '#libs/transport';
import { BatchesRepository } from './batches.repository.js';

@Controller()
export class BatchesController {
  constructor(private readonly batches: BatchesRepository) {}

  @Handles(BatchStore.openForLogin)
  openForLogin(@Payload() request: OpenBatchRequest): Promise<BatchView> {
    return this.batches.openForLogin(request);
  }

  @Handles(BatchStore.findOpen)
  findOpen(@Payload() request: { collectorId: string }): Promise<BatchView | null> {
    return this.batches.findOpen(request.collectorId);
  }

  @Handles(BatchStore.close)
  close(@Payload() request: CloseBatchRequest): Promise<BatchView> {
    return this.batches.close(request);
  }

  @Handles(BatchStore.reset)
  reset(@Payload() request: ResetBatchRequest): Promise<ResetBatchRecord> {
    return this.batches.reset(request);
  }
}
