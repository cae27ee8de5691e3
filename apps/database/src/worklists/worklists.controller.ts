import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { WorklistStore, type CollectionDayRecord } from '#libs/contract';
import { WorklistsRepository } from './worklists.repository.js';

@Controller()
export class WorklistsController {
  constructor(private readonly worklists: WorklistsRepository) {}

  @MessagePattern(WorklistStore.openDay.pattern)
  openDay(@Payload() request: { collectorId: string }): Promise<CollectionDayRecord | null> {
    return this.worklists.openDay(request.collectorId);
  }
}
