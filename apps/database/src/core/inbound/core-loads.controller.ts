import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CoreLoadStore,
  type CoreLoadErrorView,
  type CoreLoadQuery,
  type CoreLoadRef,
  type CoreLoadView,
  type CoreRowChunk,
  type NewCoreLoad,
  type Page,
} from '#libs/contract';
import { Handles } from '#libs/transport';
import { CoreLoadBridge } from './core-load.bridge.js';
import { CoreLoadsRepository } from './core-loads.repository.js';

@Controller()
export class CoreLoadsController {
  constructor(
    private readonly loads: CoreLoadsRepository,
    private readonly bridge: CoreLoadBridge,
  ) {}

  @Handles(CoreLoadStore.list)
  list(@Payload() query: CoreLoadQuery): Promise<Page<CoreLoadView>> {
    return this.loads.list(query);
  }

  @Handles(CoreLoadStore.get)
  get(@Payload() request: CoreLoadRef): Promise<CoreLoadView | null> {
    return this.loads.get(request.loadId);
  }

  @Handles(CoreLoadStore.errors)
  errors(@Payload() request: CoreLoadRef & { limit: number; offset: number }): Promise<Page<CoreLoadErrorView>> {
    return this.loads.errors(request.loadId, request);
  }

  @Handles(CoreLoadStore.begin)
  begin(@Payload() request: NewCoreLoad & { actorId: string }): Promise<CoreLoadView> {
    return this.loads.begin(request);
  }

  @Handles(CoreLoadStore.appendRows)
  appendRows(@Payload() chunk: CoreRowChunk): Promise<{ received: number }> {
    return this.loads.appendRows(chunk);
  }

  @Handles(CoreLoadStore.markReady)
  async markReady(@Payload() request: CoreLoadRef & { actorId: string }): Promise<CoreLoadView> {
    const load = await this.loads.markReady(request.loadId, request.actorId);
    this.applySoon();
    return load;
  }

  @Handles(CoreLoadStore.accept)
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
