import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { DevicesController } from './devices.controller.js';
import { ResultCodesController } from './result-codes.controller.js';
import { UsersController } from './users.controller.js';

@Module({
  controllers: [UsersController, DevicesController, ResultCodesController, AuditController],
})
export class AdminModule {}
