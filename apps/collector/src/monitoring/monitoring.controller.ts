import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  MonitoringMessages,
  type Actor,
  type Page,
  type ProgressReply,
  type ProgressRequest,
  type PromiseDue,
  type PromisesDueRequest,
  type VisitDetail,
  type VisitsRequest,
  type VisitSummary,
} from '#libs/contract';
import { Handles } from '#libs/transport';
import { MonitoringService } from './monitoring.service.js';

@Controller()
export class MonitoringController {
  constructor(private readonly monitoring: MonitoringService) {}

  @Handles(MonitoringMessages.progress)
  progress(@Payload() request: ProgressRequest): Promise<ProgressReply> {
    return this.monitoring.progress(request);
  }

  @Handles(MonitoringMessages.visits)
  visits(@Payload() request: VisitsRequest): Promise<Page<VisitSummary>> {
    return this.monitoring.visits(request);
  }

  @Handles(MonitoringMessages.visit)
  visit(@Payload() request: { actor: Actor; visitId: string }): Promise<VisitDetail> {
    return this.monitoring.visit(request.actor, request.visitId);
  }

  @Handles(MonitoringMessages.promisesDue)
  promisesDue(@Payload() request: PromisesDueRequest): Promise<Page<PromiseDue>> {
    return this.monitoring.promisesDue(request);
  }
}
