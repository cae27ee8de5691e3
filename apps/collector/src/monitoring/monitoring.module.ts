import { Module } from '@nestjs/common';
import { PhotosModule } from '../photos/photos.module.js';
import { MonitoringScope } from './monitoring-scope.js';
import { MonitoringController } from './monitoring.controller.js';
import { MonitoringService } from './monitoring.service.js';

@Module({
  imports: [PhotosModule],
  controllers: [MonitoringController],
  providers: [MonitoringService, MonitoringScope],
})
export class MonitoringModule {}
