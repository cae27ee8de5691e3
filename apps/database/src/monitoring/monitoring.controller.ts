import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  MonitoringStore,
  type BranchScope,
  type ExpectedPhotos,
  type ExpectedPhotosQuery,
  type Page,
  type ProgressQuery,
  type PromiseDue,
  type PromiseQuery,
  type StoredProgress,
  type StoredVisit,
  type StoredVisitSummary,
  type VisitQuery,
} from '#libs/contract';
import { MonitoringRepository } from './monitoring.repository.js';

@Controller()
export class MonitoringController {
  constructor(private readonly monitoring: MonitoringRepository) {}

  @MessagePattern(MonitoringStore.progress.pattern)
  progress(@Payload() query: ProgressQuery): Promise<StoredProgress[]> {
    return this.monitoring.progress(query);
  }

  @MessagePattern(MonitoringStore.visits.pattern)
  visits(@Payload() query: VisitQuery): Promise<Page<StoredVisitSummary>> {
    return this.monitoring.visits(query);
  }

  @MessagePattern(MonitoringStore.expectedPhotos.pattern)
  expectedPhotos(@Payload() query: ExpectedPhotosQuery): Promise<ExpectedPhotos[]> {
    return this.monitoring.expectedPhotos(query);
  }

  @MessagePattern(MonitoringStore.visit.pattern)
  visit(@Payload() query: BranchScope & { visitId: string }): Promise<StoredVisit | null> {
    return this.monitoring.visit(query);
  }

  @MessagePattern(MonitoringStore.promisesDue.pattern)
  promisesDue(@Payload() query: PromiseQuery): Promise<Page<PromiseDue>> {
    return this.monitoring.promisesDue(query);
  }
}
