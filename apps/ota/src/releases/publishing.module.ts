import { Module } from '@nestjs/common';
import { ApkInspector } from '../apk/apk.inspector.js';
import { StorageModule } from '../storage/storage.module.js';
import { PublishingService } from './publishing.service.js';

/** Publishing an APK, shared by the HTTP endpoint and the operator command. */
@Module({
  imports: [StorageModule],
  providers: [ApkInspector, PublishingService],
  exports: [PublishingService, StorageModule],
})
export class PublishingModule {}
