import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
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
import { CoreLoadsService } from './core-loads.service.js';

@Controller()
export class CoreLoadsController {
  constructor(private readonly loads: CoreLoadsService) {}

  @MessagePattern(CoreMessages.listLoads.pattern)
  list(@Payload() request: CoreActorRequest<CoreLoadQuery>): Promise<Page<CoreLoadView>> {
    return this.loads.list(request);
  }

  @MessagePattern(CoreMessages.getLoad.pattern)
  get(@Payload() request: CoreActorRequest<CoreLoadRef>): Promise<CoreLoadView> {
    return this.loads.get(request);
  }

  @MessagePattern(CoreMessages.loadErrors.pattern)
  errors(@Payload() request: CoreActorRequest<CoreLoadRef & { limit: number; offset: number }>): Promise<Page<CoreLoadErrorView>> {
    return this.loads.errors(request);
  }

  @MessagePattern(CoreMessages.beginLoad.pattern)
  begin(@Payload() request: CoreActorRequest<NewCoreLoad>): Promise<CoreLoadView> {
    return this.loads.begin(request);
  }

  @MessagePattern(CoreMessages.appendRows.pattern)
  appendRows(@Payload() request: CoreActorRequest<CoreRowChunk>): Promise<{ received: number }> {
    return this.loads.appendRows(request);
  }

  @MessagePattern(CoreMessages.markReady.pattern)
  markReady(@Payload() request: CoreActorRequest<CoreLoadRef>): Promise<CoreLoadView> {
    return this.loads.markReady(request);
  }

  @MessagePattern(CoreMessages.acceptLoad.pattern)
  accept(@Payload() request: CoreActorRequest<CoreLoadRef>): Promise<CoreLoadView> {
    return this.loads.accept(request);
  }
}
