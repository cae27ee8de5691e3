import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { FieldMessages, type Actor, type WorklistView } from '#libs/contract';
import { WorklistService } from './worklist.service.js';

@Controller()
export class WorklistController {
  constructor(private readonly worklists: WorklistService) {}

  @MessagePattern(FieldMessages.worklist.pattern)
  worklist(@Payload() request: { actor: Actor }): Promise<WorklistView> {
    return this.worklists.worklistOf(request.actor);
  }
}
