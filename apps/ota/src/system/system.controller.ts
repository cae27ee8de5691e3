import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { SystemMessages, type StatusReply } from '#libs/contract';
import { describeProcess } from '#libs/runtime';
import { Handles, MessageClient } from '#libs/transport';
import { LivenessDto } from './liveness.dto.js';

@ApiTags('health')
@Controller()
export class SystemController {
  constructor(private readonly messages: MessageClient) {}

  /** Publishing and the catalogue need the database; downloads go on from the cached catalogue without it. */
  @Handles(SystemMessages.otaStatus)
  async reportStatus(): Promise<StatusReply> {
    const database = await this.messages.probe(SystemMessages.databaseStatus);
    return { ...describeProcess('ota'), dependencies: [database] };
  }

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Liveness: answers while the download server lives' })
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok' };
  }
}
