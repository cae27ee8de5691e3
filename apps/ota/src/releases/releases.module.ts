import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import multer from 'multer';
import { basename } from 'node:path';
import { AppConfig } from '#libs/config';
import { StorageModule } from '../storage/storage.module.js';
import { ReleaseFiles } from '../storage/release-files.js';
import { UpdatesModule } from '../updates/updates.module.js';
import { PublishingModule } from './publishing.module.js';
import { ReleasesController } from './releases.controller.js';
import { ReleasesService } from './releases.service.js';

/** Publishing and managing releases (admins). Uploads stream to disk, never into memory. */
@Module({
  imports: [
    PublishingModule,
    StorageModule,
    UpdatesModule,
    MulterModule.registerAsync({
      imports: [StorageModule],
      inject: [AppConfig, ReleaseFiles],
      useFactory: (config: AppConfig, files: ReleaseFiles) => ({
        storage: multer.diskStorage({
          destination: files.incomingDir,
          filename: (_request, _file, done) => done(null, basename(files.newUploadPath())),
        }),
        limits: { fileSize: config.ota.maxApkBytes, files: 1, fields: 10, fieldSize: 8 * 1024 },
      }),
    }),
  ],
  controllers: [ReleasesController],
  providers: [ReleasesService],
})
export class ReleasesModule {}
