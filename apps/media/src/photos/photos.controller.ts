import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  MediaMessages,
  type DescribePhotosReply,
  type DescribePhotosRequest,
  type FetchPhotoReply,
  type FetchPhotoRequest,
  type StorePhotoReply,
  type StorePhotoRequest,
} from '#libs/contract';
import { PhotosService } from './photos.service.js';

@Controller()
export class PhotosController {
  constructor(private readonly photos: PhotosService) {}

  @MessagePattern(MediaMessages.store.pattern)
  store(@Payload() request: StorePhotoRequest): Promise<StorePhotoReply> {
    return this.photos.store(request);
  }

  @MessagePattern(MediaMessages.fetch.pattern)
  fetch(@Payload() request: FetchPhotoRequest): Promise<FetchPhotoReply> {
    return this.photos.fetch(request);
  }

  @MessagePattern(MediaMessages.describe.pattern)
  describe(@Payload() request: DescribePhotosRequest): Promise<DescribePhotosReply> {
    return this.photos.describe(request.sha256s);
  }
}
