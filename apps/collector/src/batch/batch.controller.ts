import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { FieldMessages, type Actor, type CloseBatchReply, type DeviceResetReply, type PhoneBatchSummary, type SyncStatusView } from '#libs/contract';
import { Handles } from '#libs/transport';
import { BatchService } from './batch.service.js';

@Controller()
export class BatchController {
  constructor(private readonly batches: BatchService) {}

  @Handles(FieldMessages.syncStatus)
  syncStatus(@Payload() request: { actor: Actor }): Promise<SyncStatusView> {
    return this.batches.syncStatus(request.actor);
  }

  @Handles(FieldMessages.closeBatch)
  close(@Payload() request: { actor: Actor; phone: PhoneBatchSummary }): Promise<CloseBatchReply> {
    return this.batches.close(request.actor, request.phone);
  }

  @Handles(FieldMessages.resetDevice)
  reset(@Payload() request: { actor: Actor }): Promise<DeviceResetReply> {
    return this.batches.reset(request.actor);
  }
}
