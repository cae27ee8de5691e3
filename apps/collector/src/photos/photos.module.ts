import { Module } from '@nestjs/common';
import { MediaPhotoPresence } from './media-photo-presence.js';
import { PhotoPresence } from './photo-presence.js';

@Module({
  providers: [{ provide: PhotoPresence, useClass: MediaPhotoPresence }],
  exports: [PhotoPresence],
})
export class PhotosModule {}
