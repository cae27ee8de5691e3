import { Module } from '@nestjs/common';
import { VisitUploadService } from './visit-upload.service.js';
import { VisitsController } from './visits.controller.js';
import { VisitsRepository } from './visits.repository.js';

@Module({
  controllers: [VisitsController],
  providers: [VisitsRepository, VisitUploadService],
})
export class VisitsModule {}
