import { Module } from '@nestjs/common';
import { HealthController } from '../health/health.controller.js';
import { SystemController } from './system.controller.js';
import { SystemService } from './system.service.js';

@Module({
  controllers: [HealthController, SystemController],
  providers: [SystemService],
})
export class SystemModule {}
