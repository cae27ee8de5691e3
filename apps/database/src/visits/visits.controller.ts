import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { VisitStore, type BatchVisitsRecord, type VisitOutcome, type VisitRecordRequest } from '#libs/contract';
import { VisitsRepository } from './visits.repository.js';

@Controller()
export class VisitsController {
  constructor(private readonly visits: VisitsRepository) {}

  @MessagePattern(VisitStore.record.pattern)
  record(@Payload() request: { visits: VisitRecordRequest[] }): Promise<VisitOutcome[]> {
    return this.visits.record(request.visits);
  }

  @MessagePattern(VisitStore.ofBatch.pattern)
  ofBatch(@Payload() request: { batchId: string }): Promise<BatchVisitsRecord> {
    return this.visits.ofBatch(request.batchId);
  }
}
