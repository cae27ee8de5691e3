import { Module } from '@nestjs/common';
import { ReleasesController } from './releases.controller.js';
import { ReleasesRepository } from './releases.repository.js';
import { ReleasesService } from './releases.service.js';

/** The APK release catalogue the ota app publishes to and reads. */
@Module({
  controllers: [ReleasesController],
  providers: [ReleasesService, ReleasesRepository],
})
export class ReleasesModule {}
