import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { WorklistStore, type CollectionDayRecord, type SessionCheckRequest } from '#libs/contract';
import { Handles } from '#libs/transport';
import { WorklistsRepository } from './worklists.repository.js';

@Controller()
export class WorklistsController {
  constructor(private readonly worklists: WorklistsRepository) {}

  @Handles(WorklistStore.openDay)
  openDay(@Payload() request: { session: SessionCheckRequest }): Promise<CollectionDayRecord | null> {
    return this.worklists.openDay(request.session);
  }
}
