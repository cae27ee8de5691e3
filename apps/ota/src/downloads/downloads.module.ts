import { Module } from '@nestjs/common';
import { StorageModule } from '../storage/storage.module.js';
import { ApkSender } from './apk-sender.js';
import { DownloadsController } from './downloads.controller.js';
import { DownloadsService } from './downloads.service.js';

/** Public APK downloads, answered from the cached catalogue and the release files. */
@Module({
  imports: [StorageModule],
  controllers: [DownloadsController],
  providers: [DownloadsService, ApkSender],
})
export class DownloadsModule {}
