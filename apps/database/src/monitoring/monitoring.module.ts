import { Module } from '@nestjs/common';
import { MonitoringController } from './monitoring.controller.js';
import { MonitoringRepository } from './monitoring.repository.js';

@Module({
  controllers: [MonitoringController],
  providers: [MonitoringRepository],
})
export class MonitoringModule {}
