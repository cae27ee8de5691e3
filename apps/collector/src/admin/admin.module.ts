import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller.js';
import { AuditService } from './audit.service.js';
import { DevicesService } from './devices.service.js';
import { ResultCodesService } from './result-codes.service.js';
import { UsersService } from './users.service.js';

@Module({
  controllers: [AdminController],
  providers: [UsersService, DevicesService, ResultCodesService, AuditService],
})
export class AdminModule {}
