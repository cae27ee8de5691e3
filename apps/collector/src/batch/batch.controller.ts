import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  FieldMessages,
  type Actor,
  type CloseBatchReply,
  type DeviceResetReply,
  type PhoneBatchSummary,
  type SyncStatusView,
} from '#libs/contract';
import { BatchService } from './batch.service.js';

@Controller()
export class BatchController {
  constructor(private readonly batches: BatchService) {}

  @MessagePattern(FieldMessages.syncStatus.pattern)
  syncStatus(@Payload() request: { actor: Actor }): Promise<SyncStatusView> {
    return this.batches.syncStatus(request.actor);
  }

  @MessagePattern(FieldMessages.closeBatch.pattern)
  close(@Payload() request: { actor: Actor; phone: PhoneBatchSummary }): Promise<CloseBatchReply> {
    return this.batches.close(request.actor, request.phone);
  }

  @MessagePattern(FieldMessages.resetDevice.pattern)
  reset(@Payload() request: { actor: Actor }): Promise<DeviceResetReply> {
    return this.batches.reset(request.actor);
  }
}
