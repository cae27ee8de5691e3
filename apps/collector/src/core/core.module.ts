import { Module } from '@nestjs/common';
import { CoreLoadsController } from './core-loads.controller.js';
import { CoreLoadsService } from './core-loads.service.js';

/** The core bridge as admins reach it. */
@Module({
  controllers: [CoreLoadsController],
  providers: [CoreLoadsService],
})
export class CoreModule {}
