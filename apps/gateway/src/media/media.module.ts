import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { AppConfig } from '#libs/config';
import { MediaController } from './media.controller.js';
import { MediaService } from './media.service.js';
import { PhotoTooLargeFilter } from './photo-too-large.filter.js';

/** `/media`: proof photos in and out; the bytes are kept by the media service. */
@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [AppConfig],
      // In memory: the bytes go straight on to the media service, and nothing is left on the gateway's disk.
      useFactory: (config: AppConfig) => ({
        storage: memoryStorage(),
        limits: { fileSize: config.mediaMaxBytes, files: 1, fields: 4, parts: 5 },
      }),
    }),
  ],
  controllers: [MediaController],
  providers: [MediaService, PhotoTooLargeFilter],
})
export class MediaModule {}
