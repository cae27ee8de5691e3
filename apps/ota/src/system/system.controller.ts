import { Controller, Get } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { describeProcess } from '#libs/common';
import { SystemMessages, type StatusReply } from '#libs/contract';

@Controller()
export class SystemController {
  @MessagePattern(SystemMessages.otaStatus.pattern)
  reportStatus(): StatusReply {
    return { ...describeProcess('ota'), dependencies: [] };
  }

  /** Liveness of the public download server. */
  @Get('health')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
