import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { VisitStore, type BatchVisitsRecord, type VisitOutcome, type VisitUploadRecord } from '#libs/contract';
import { Handles } from '#libs/transport';
import { VisitUploadService } from './visit-upload.service.js';
import { VisitsRepository } from './visits.repository.js';

@Controller()
export class VisitsController {
  constructor(
    private readonly uploads: VisitUploadService,
    private readonly visits: VisitsRepository,
  ) {}

  @Handles(VisitStore.upload)
  upload(@Payload() request: VisitUploadRecord): Promise<VisitOutcome[]> {
    return this.uploads.record(request);
  }

  @Handles(VisitStore.ofBatch)
  ofBatch(@Payload() request: { batchId: string }): Promise<BatchVisitsRecord> {
    return this.visits.ofBatch(request.batchId);
  }
}
