import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { VisitStore, type BatchVisitsRecord, type VisitOutcome, type VisitRecordRequest } from '#libs/contract';
import { Handles } from '#libs/transport';
import { VisitsRepository } from './visits.repository.js';

@Controller()
export class VisitsController {
  constructor(private readonly visits: VisitsRepository) {}

  @Handles(VisitStore.record)
  record(@Payload() request: { visits: VisitRecordRequest[] }): Promise<VisitOutcome[]> {
    return this.visits.record(request.visits);
  }

  @Handles(VisitStore.ofBatch)
  ofBatch(@Payload() request: { batchId: string }): Promise<BatchVisitsRecord> {
    return this.visits.ofBatch(request.batchId);
  }
}
