import { Controller, Get } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { describeProcess } from '#libs/common';
import { SystemMessages, type StatusReply } from '#libs/contract';
import { MessageClient } from '#libs/transport';
import { LivenessDto } from './liveness.dto.js';

@ApiTags('health')
@Controller()
export class SystemController {
  constructor(private readonly messages: MessageClient) {}

  /** Publishing and the catalogue need the database; downloads go on from the cached catalogue without it. */
  @MessagePattern(SystemMessages.otaStatus.pattern)
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
