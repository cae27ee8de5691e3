import { Module } from '@nestjs/common';
import { DatabaseStatusService } from './database-status.service.js';
import { SystemController } from './system.controller.js';

@Module({
  controllers: [SystemController],
  providers: [DatabaseStatusService],
})
export class SystemModule {}
