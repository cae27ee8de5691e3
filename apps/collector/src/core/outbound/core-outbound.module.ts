import { Module } from '@nestjs/common';
import { CoreOutboundController } from './core-outbound.controller.js';
import { CoreOutboundService } from './core-outbound.service.js';

@Module({
  controllers: [CoreOutboundController],
  providers: [CoreOutboundService],
})
export class CoreOutboundModule {}
