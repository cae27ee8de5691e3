import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BatchStore, type BatchView, type OpenBatchRequest } from '#libs/contract';
import { BatchesRepository } from './batches.repository.js';

@Controller()
export class BatchesController {
  constructor(private readonly batches: BatchesRepository) {}

  @MessagePattern(BatchStore.openForLogin.pattern)
  openForLogin(@Payload() request: OpenBatchRequest): Promise<BatchView> {
    return this.batches.openForLogin(request);
  }
}
