import { Module } from '@nestjs/common';
import { CoreOutboundController } from './core-outbound.controller.js';

/** `/api/v1/core/outbound`: the core (or the export command) takes the day's results and acknowledges them. */
@Module({
  controllers: [CoreOutboundController],
})
export class CoreOutboundModule {}
