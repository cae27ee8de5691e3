import { Module } from '@nestjs/common';
import { ReleaseFiles } from './release-files.js';

/** The APK files of releases under DATA_DIR/ota. */
@Module({
  providers: [ReleaseFiles],
  exports: [ReleaseFiles],
})
export class StorageModule {}
