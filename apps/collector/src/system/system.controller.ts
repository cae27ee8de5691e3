import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { describeProcess } from '#libs/runtime';
import { SystemMessages, type StatusReply } from '#libs/contract';
import { MessageClient } from '#libs/transport';

@Controller()
export class SystemController {
  constructor(private readonly messages: MessageClient) {}

  /** The collector is only useful with its database, so its status carries the database's. */
  @MessagePattern(SystemMessages.collectorStatus.pattern)
  async reportStatus(): Promise<StatusReply> {
    const database = await this.messages.probe(SystemMessages.databaseStatus);
    return { ...describeProcess('collector'), dependencies: [database] };
  }
}
