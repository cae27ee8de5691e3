import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CoreMessages,
  type CoreActorRequest,
  type CoreLoadErrorView,
  type CoreLoadQuery,
  type CoreLoadRef,
  type CoreLoadView,
  type CoreRowChunk,
  type NewCoreLoad,
  type Page,
} from '#libs/contract';
import { Handles } from '#libs/transport';
import { CoreLoadsService } from './core-loads.service.js';

@Controller()
export class CoreLoadsController {
  constructor(private readonly loads: CoreLoadsService) {}

  @Handles(CoreMessages.listLoads)
  list(@Payload() request: CoreActorRequest<CoreLoadQuery>): Promise<Page<CoreLoadView>> {
    return this.loads.list(request);
  }

  @Handles(CoreMessages.getLoad)
  get(@Payload() request: CoreActorRequest<CoreLoadRef>): Promise<CoreLoadView> {
    return this.loads.get(request);
  }

  @Handles(CoreMessages.loadErrors)
  errors(@Payload() request: CoreActorRequest<CoreLoadRef & { limit: number; offset: number }>): Promise<Page<CoreLoadErrorView>> {
    return this.loads.errors(request);
  }

  @Handles(CoreMessages.beginLoad)
  begin(@Payload() request: CoreActorRequest<NewCoreLoad>): Promise<CoreLoadView> {
    return this.loads.begin(request);
  }

  @Handles(CoreMessages.appendRows)
  appendRows(@Payload() request: CoreActorRequest<CoreRowChunk>): Promise<{ received: number }> {
    return this.loads.appendRows(request);
  }

  @Handles(CoreMessages.markReady)
  markReady(@Payload() request: CoreActorRequest<CoreLoadRef>): Promise<CoreLoadView> {
    return this.loads.markReady(request);
  }

  @Handles(CoreMessages.acceptLoad)
  accept(@Payload() request: CoreActorRequest<CoreLoadRef>): Promise<CoreLoadView> {
    return this.loads.accept(request);
  }
}
