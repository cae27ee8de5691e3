import { Module } from '@nestjs/common';
import { NoPhotoPresence, PhotoPresence } from './photo-presence.js';

@Module({
  providers: [{ provide: PhotoPresence, useClass: NoPhotoPresence }],
  exports: [PhotoPresence],
})
export class PhotosModule {}
