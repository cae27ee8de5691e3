import { Module } from '@nestjs/common';
import { ReleasesController } from './releases.controller.js';
import { ReleasesRepository } from './releases.repository.js';

/** The APK release catalogue the ota app publishes to and reads. */
@Module({
  controllers: [ReleasesController],
  providers: [ReleasesRepository],
})
export class ReleasesModule {}
