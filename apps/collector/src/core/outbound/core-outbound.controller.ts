import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CoreOutboundMessages,
  type AcknowledgeOutboundRequest,
  type OutboundAcknowledgement,
  type OutboundCsvPage,
  type OutboundRows,
  type TakeOutboundRequest,
} from '#libs/contract';
import { Handles } from '#libs/transport';
import { CoreOutboundService } from './core-outbound.service.js';

@Controller()
export class CoreOutboundController {
  constructor(private readonly outbound: CoreOutboundService) {}

  @Handles(CoreOutboundMessages.take)
  take(@Payload() request: TakeOutboundRequest): Promise<OutboundRows> {
    return this.outbound.take(request);
  }

  @Handles(CoreOutboundMessages.takeCsv)
  takeCsv(@Payload() request: TakeOutboundRequest): Promise<OutboundCsvPage> {
    return this.outbound.takeCsv(request);
  }

  @Handles(CoreOutboundMessages.acknowledge)
  acknowledge(@Payload() request: AcknowledgeOutboundRequest): Promise<OutboundAcknowledgement> {
    return this.outbound.acknowledge(request);
  }
}
