import { Module } from '@nestjs/common';
import { UpdatesController } from './updates.controller.js';
import { UpdatesService } from './updates.service.js';

/** The update decision: the phone's HTTP check and the gateway's login message. */
@Module({
  controllers: [UpdatesController],
  providers: [UpdatesService],
  exports: [UpdatesService],
})
export class UpdatesModule {}
