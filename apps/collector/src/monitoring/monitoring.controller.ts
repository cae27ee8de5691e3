import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
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
import { MonitoringService } from './monitoring.service.js';

@Controller()
export class MonitoringController {
  constructor(private readonly monitoring: MonitoringService) {}

  @MessagePattern(MonitoringMessages.progress.pattern)
  progress(@Payload() request: ProgressRequest): Promise<ProgressReply> {
    return this.monitoring.progress(request);
  }

  @MessagePattern(MonitoringMessages.visits.pattern)
  visits(@Payload() request: VisitsRequest): Promise<Page<VisitSummary>> {
    return this.monitoring.visits(request);
  }

  @MessagePattern(MonitoringMessages.visit.pattern)
  visit(@Payload() request: { actor: Actor; visitId: string }): Promise<VisitDetail> {
    return this.monitoring.visit(request.actor, request.visitId);
  }

  @MessagePattern(MonitoringMessages.promisesDue.pattern)
  promisesDue(@Payload() request: PromisesDueRequest): Promise<Page<PromiseDue>> {
    return this.monitoring.promisesDue(request);
  }
}
