import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  MediaMessages,
  type DescribePhotosReply,
  type DescribePhotosRequest,
  type FetchPhotoReply,
  type FetchPhotoRequest,
  type StorePhotoReply,
  type StorePhotoRequest,
} from '#libs/contract';
import { Handles } from '#libs/transport';
import { PhotosService } from './photos.service.js';

@Controller()
export class PhotosController {
  constructor(private readonly photos: PhotosService) {}

  @Handles(MediaMessages.store)
  store(@Payload() request: StorePhotoRequest): Promise<StorePhotoReply> {
    return this.photos.store(request);
  }

  @Handles(MediaMessages.fetch)
  fetch(@Payload() request: FetchPhotoRequest): Promise<FetchPhotoReply> {
    return this.photos.fetch(request);
  }

  @Handles(MediaMessages.describe)
  describe(@Payload() request: DescribePhotosRequest): Promise<DescribePhotosReply> {
    return this.photos.describe(request.sha256s);
  }
}
