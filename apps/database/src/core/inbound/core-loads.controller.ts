import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CoreLoadStore, type CoreLoadErrorView, type CoreLoadQuery, type CoreLoadRef, type CoreLoadView, type CoreRowChunk, type NewCoreLoad, type Page } from '#libs/contract';
import { CoreLoadBridge } from './core-load.bridge.js';
import { CoreLoadsRepository } from './core-loads.repository.js';

@Controller()
export class CoreLoadsController {
  constructor(
    private readonly loads: CoreLoadsRepository,
    private readonly bridge: CoreLoadBridge,
  ) {}

  @MessagePattern(CoreLoadStore.list.pattern)
  list(@Payload() query: CoreLoadQuery): Promise<Page<CoreLoadView>> {
    return this.loads.list(query);
  }

  @MessagePattern(CoreLoadStore.get.pattern)
  get(@Payload() request: CoreLoadRef): Promise<CoreLoadView | null> {
    return this.loads.get(request.loadId);
  }

  @MessagePattern(CoreLoadStore.errors.pattern)
  errors(@Payload() request: CoreLoadRef & { limit: number; offset: number }): Promise<Page<CoreLoadErrorView>> {
    return this.loads.errors(request.loadId, request);
  }

  @MessagePattern(CoreLoadStore.begin.pattern)
  begin(@Payload() request: NewCoreLoad & { actorId: string }): Promise<CoreLoadView> {
    return this.loads.begin(request);
  }

  @MessagePattern(CoreLoadStore.appendRows.pattern)
  appendRows(@Payload() chunk: CoreRowChunk): Promise<{ received: number }> {
    return this.loads.appendRows(chunk);
  }

  @MessagePattern(CoreLoadStore.markReady.pattern)
  async markReady(@Payload() request: CoreLoadRef & { actorId: string }): Promise<CoreLoadView> {
    const load = await this.loads.markReady(request.loadId, request.actorId);
    this.applySoon();
    return load;
  }

  @MessagePattern(CoreLoadStore.accept.pattern)
  async accept(@Payload() request: CoreLoadRef & { actorId: string }): Promise<CoreLoadView> {
    const load = await this.loads.accept(request.loadId, request.actorId);
    this.applySoon();
    return load;
  }

  /** The poller would find the load too; starting now spares the upload its interval. Failures are the bridge's to record. */
  private applySoon(): void {
    void this.bridge.applyReadyLoads().catch(() => undefined);
  }
}
