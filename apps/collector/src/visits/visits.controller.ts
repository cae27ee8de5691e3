import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { FieldMessages, type SubmitVisitsRequest, type VisitOutcome } from '#libs/contract';
import { Handles } from '#libs/transport';
import { VisitsService } from './visits.service.js';

@Controller()
export class VisitsController {
  constructor(private readonly visits: VisitsService) {}

  @Handles(FieldMessages.submitVisits)
  submit(@Payload() request: SubmitVisitsRequest): Promise<VisitOutcome[]> {
    return this.visits.submit(request);
  }
}
