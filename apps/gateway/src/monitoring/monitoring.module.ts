import { Module } from '@nestjs/common';
import { MonitoringController } from './monitoring.controller.js';
import { VisitsExportService } from './visits-export.service.js';

@Module({
  controllers: [MonitoringController],
  providers: [VisitsExportService],
})
export class MonitoringModule {}
