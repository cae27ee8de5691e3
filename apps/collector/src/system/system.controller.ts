import { Controller } from '@nestjs/common';
import { SystemMessages, type StatusReply } from '#libs/contract';
import { describeProcess } from '#libs/runtime';
import { Handles, MessageClient } from '#libs/transport';

@Controller()
export class SystemController {
  constructor(private readonly messages: MessageClient) {}

  /** The collector is only useful with its database, so its status carries the database's. */
  @Handles(SystemMessages.collectorStatus)
  async reportStatus(): Promise<StatusReply> {
    const database = await this.messages.probe(SystemMessages.databaseStatus);
    return { ...describeProcess('collector'), dependencies: [database] };
  }
}
