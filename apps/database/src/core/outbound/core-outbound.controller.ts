import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CoreOutboundStore, type OutboundAcknowledgement, type OutboundCsvPage, type OutboundKind, type OutboundRows } from '#libs/contract';
import { Handles } from '#libs/transport';
import { CoreOutboundRepository } from './core-outbound.repository.js';

@Controller()
export class CoreOutboundController {
  constructor(private readonly outbound: CoreOutboundRepository) {}

  @Handles(CoreOutboundStore.take)
  take(@Payload() request: { kind: OutboundKind; limit: number }): Promise<OutboundRows> {
    return this.outbound.take(request.kind, request.limit);
  }

  @Handles(CoreOutboundStore.takeCsv)
  takeCsv(@Payload() request: { kind: OutboundKind; limit: number }): Promise<OutboundCsvPage> {
    return this.outbound.takeCsv(request.kind, request.limit);
  }

  @Handles(CoreOutboundStore.acknowledge)
  acknowledge(@Payload() request: { actorId: string; kind: OutboundKind; ids: string[] }): Promise<OutboundAcknowledgement> {
    return this.outbound.acknowledge(request.actorId, request.kind, request.ids);
  }
}
