import { Controller, Get } from '@nestjs/common';
import { Public } from '#libs/auth';
import { SystemMessages, type StatusReply } from '#libs/contract';
import { describeProcess } from '#libs/runtime';
import { Handles, MessageClient } from '#libs/transport';

@Controller()
export class SystemController {
  constructor(private readonly messages: MessageClient) {}

  /** Publishing and the catalogue need the database; downloads go on from the cached catalogue without it. */
  @Handles(SystemMessages.otaStatus)
  async reportStatus(): Promise<StatusReply> {
    const database = await this.messages.probe(SystemMessages.databaseStatus);
    return { ...describeProcess('ota'), dependencies: [database] };
  }

  /** Liveness of the public download server. */
  @Public()
  @Get('health')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
