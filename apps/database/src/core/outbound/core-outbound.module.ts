import { Module } from '@nestjs/common';
import { CoreOutboundController } from './core-outbound.controller.js';
import { CoreOutboundRepository } from './core-outbound.repository.js';

/** The outbound interface tables: the core takes the rows not yet acknowledged and acknowledges them. */
@Module({
  controllers: [CoreOutboundController],
  providers: [CoreOutboundRepository],
})
export class CoreOutboundModule {}
