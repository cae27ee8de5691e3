import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { FieldMessages, type WorklistDownload, type WorklistRequest } from '#libs/contract';
import { Handles } from '#libs/transport';
import { WorklistService } from './worklist.service.js';

@Controller()
export class WorklistController {
  constructor(private readonly worklists: WorklistService) {}

  @Handles(FieldMessages.worklist)
  worklist(@Payload() request: WorklistRequest): Promise<WorklistDownload> {
    return this.worklists.worklistOf(request);
  }
}
