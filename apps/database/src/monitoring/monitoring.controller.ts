import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
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
import { Handles } from '#libs/transport';
import { MonitoringRepository } from './monitoring.repository.js';

@Controller()
export class MonitoringController {
  constructor(private readonly monitoring: MonitoringRepository) {}

  @Handles(MonitoringStore.progress)
  progress(@Payload() query: ProgressQuery): Promise<StoredProgress[]> {
    return this.monitoring.progress(query);
  }

  @Handles(MonitoringStore.visits)
  visits(@Payload() query: VisitQuery): Promise<Page<StoredVisitSummary>> {
    return this.monitoring.visits(query);
  }

  @Handles(MonitoringStore.expectedPhotos)
  expectedPhotos(@Payload() query: ExpectedPhotosQuery): Promise<ExpectedPhotos[]> {
    return this.monitoring.expectedPhotos(query);
  }

  @Handles(MonitoringStore.visit)
  visit(@Payload() query: BranchScope & { visitId: string }): Promise<StoredVisit | null> {
    return this.monitoring.visit(query);
  }

  @Handles(MonitoringStore.promisesDue)
  promisesDue(@Payload() query: PromiseQuery): Promise<Page<PromiseDue>> {
    return this.monitoring.promisesDue(query);
  }
}
