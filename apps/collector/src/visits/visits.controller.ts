import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { FieldMessages, type SubmitVisitsRequest, type VisitOutcome } from '#libs/contract';
import { VisitsService } from './visits.service.js';

@Controller()
export class VisitsController {
  constructor(private readonly visits: VisitsService) {}

  @MessagePattern(FieldMessages.submitVisits.pattern)
  submit(@Payload() request: SubmitVisitsRequest): Promise<VisitOutcome[]> {
    return this.visits.submit(request);
  }
}
