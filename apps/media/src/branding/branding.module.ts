import { Module } from '@nestjs/common';
import { PhotosModule } from '../photos/photos.module.js';
import { BrandingController } from './branding.controller.js';
import { BrandingService } from './branding.service.js';
import { LogoStorage } from './logo.storage.js';

/** The company logo the web page and the phones show. */
@Module({
  imports: [PhotosModule],
  controllers: [BrandingController],
  providers: [BrandingService, LogoStorage],
})
export class BrandingModule {}
