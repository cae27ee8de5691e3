import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { LOGO_MAX_BYTES } from '#libs/contract';
import { BrandingController } from './branding.controller.js';
import { BrandingService } from './branding.service.js';

/** The company logo: uploaded by an admin, kept by the media service, shown by the web page and the phones. */
@Module({
  imports: [MulterModule.register({ storage: memoryStorage(), limits: { fileSize: LOGO_MAX_BYTES, files: 1, fields: 0, parts: 1 } })],
  controllers: [BrandingController],
  providers: [BrandingService],
  exports: [BrandingService],
})
export class BrandingModule {}
