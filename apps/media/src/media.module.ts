import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '#libs/config';
import type { AppRuntime } from '#libs/runtime';
import { BrandingModule } from './branding/branding.module.js';
import { PhotosModule } from './photos/photos.module.js';
import { SystemModule } from './system/system.module.js';

/** Proof photos (storage by content hash, sniffing, thumbnails, EXIF) and the company logo. Depends on no other service. */
@Module({})
export class MediaModule {
  static forRoot(runtime: AppRuntime): DynamicModule {
    return {
      module: MediaModule,
      imports: [ConfigModule.forRoot(runtime.config), PhotosModule, BrandingModule, SystemModule],
    };
  }
}
