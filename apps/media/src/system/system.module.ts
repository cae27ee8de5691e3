import { Module } from '@nestjs/common';
import { PhotosModule } from '../photos/photos.module.js';
import { SystemController } from './system.controller.js';

@Module({ imports: [PhotosModule], controllers: [SystemController] })
export class SystemModule {}
