import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { FieldMessages, type SessionCheckRequest, type WorklistView } from '#libs/contract';
import { Handles } from '#libs/transport';
import { WorklistService } from './worklist.service.js';

@Controller()
export class WorklistController {
  constructor(private readonly worklists: WorklistService) {}

  @Handles(FieldMessages.worklist)
  worklist(@Payload() request: { session: SessionCheckRequest }): Promise<WorklistView> {
    return this.worklists.worklistOf(request.session);
  }
}
