import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { describeProcess } from '#libs/common';
import { SystemMessages, type StatusReply } from '#libs/contract';
import { DatabaseStatusService } from './database-status.service.js';

@Controller()
export class SystemController {
  constructor(private readonly status: DatabaseStatusService) {}

  @MessagePattern(SystemMessages.databaseStatus.pattern)
  async reportStatus(): Promise<StatusReply> {
    const details = await this.status.details();
    return { ...describeProcess('database', { ...details }), dependencies: [] };
  }
}
