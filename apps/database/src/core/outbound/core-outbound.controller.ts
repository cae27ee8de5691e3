import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CoreOutboundStore, type OutboundAcknowledgement, type OutboundKind, type OutboundRows } from '#libs/contract';
import { CoreOutboundRepository } from './core-outbound.repository.js';

@Controller()
export class CoreOutboundController {
  constructor(private readonly outbound: CoreOutboundRepository) {}

  @MessagePattern(CoreOutboundStore.take.pattern)
  take(@Payload() request: { kind: OutboundKind; limit: number }): Promise<OutboundRows> {
    return this.outbound.take(request.kind, request.limit);
  }

  @MessagePattern(CoreOutboundStore.acknowledge.pattern)
  acknowledge(@Payload() request: { actorId: string; kind: OutboundKind; ids: string[] }): Promise<OutboundAcknowledgement> {
    return this.outbound.acknowledge(request.actorId, request.kind, request.ids);
  }
}
