import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { describeProcess } from '#libs/common';
import { SystemMessages, type StatusReply } from '#libs/contract';

@Controller()
export class SystemController {
  @MessagePattern(SystemMessages.mediaStatus.pattern)
  reportStatus(): StatusReply {
    return { ...describeProcess('media'), dependencies: [] };
  }
}
