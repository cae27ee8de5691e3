import { Module } from '@nestjs/common';
import { CoreLoadBridge } from './inbound/core-load.bridge.js';
import { CoreLoadPoller } from './inbound/core-load.poller.js';
import { CoreLoadsController } from './inbound/core-loads.controller.js';
import { CoreLoadsRepository } from './inbound/core-loads.repository.js';

/** The core bridge: the interface tables the core writes and reads, and what applies them. */
@Module({
  controllers: [CoreLoadsController],
  providers: [CoreLoadsRepository, CoreLoadBridge, CoreLoadPoller],
  exports: [CoreLoadBridge],
})
export class CoreModule {}
