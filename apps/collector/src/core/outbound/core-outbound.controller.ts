import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CoreOutboundMessages,
  type AcknowledgeOutboundRequest,
  type OutboundAcknowledgement,
  type OutboundRows,
  type TakeOutboundRequest,
} from '#libs/contract';
import { CoreOutboundService } from './core-outbound.service.js';

@Controller()
export class CoreOutboundController {
  constructor(private readonly outbound: CoreOutboundService) {}

  @MessagePattern(CoreOutboundMessages.take.pattern)
  take(@Payload() request: TakeOutboundRequest): Promise<OutboundRows> {
    return this.outbound.take(request);
  }

  @MessagePattern(CoreOutboundMessages.acknowledge.pattern)
  acknowledge(@Payload() request: AcknowledgeOutboundRequest): Promise<OutboundAcknowledgement> {
    return this.outbound.acknowledge(request);
  }
}
