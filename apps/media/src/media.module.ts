import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '#libs/config';
import type { AppRuntime } from '#libs/runtime';
import { PhotosModule } from './photos/photos.module.js';
import { SystemModule } from './system/system.module.js';

/** Proof photos: storage by content hash, sniffing, thumbnails, EXIF. Depends on no other service. */
@Module({})
export class MediaModule {
  static forRoot(runtime: AppRuntime): DynamicModule {
    return {
      module: MediaModule,
      imports: [ConfigModule.forRoot(runtime.config), PhotosModule, SystemModule],
    };
  }
}
