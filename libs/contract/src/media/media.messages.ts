import { defineMessage } from '../message.js';
import type { PhotoSummary, PhotoType, PhotoUploader, PhotoVariant } from './photo.js';

export interface StorePhotoRequest {
  /** The SHA-256 the client declared; the service checks it against the bytes. */
  sha256: string;
  /** The photo's bytes: they travel beside the message's JSON, not inside it. */
  content: Buffer;
  uploader: PhotoUploader;
}

export interface StorePhotoReply {
  photo: PhotoSummary;
  /** False when the photo was already stored; nothing was written then. */
  created: boolean;
}

export interface FetchPhotoRequest {
  sha256: string;
  variant: PhotoVariant;
}

export interface FetchPhotoReply {
  type: PhotoType;
  /** The photo's bytes: they travel beside the message's JSON, not inside it. */
  content: Buffer;
}

export interface DescribePhotosRequest {
  sha256s: string[];
}

export interface DescribePhotosReply {
  /** The summaries of the requested photos that are stored; absent ones are left out. */
  photos: PhotoSummary[];
}

/** The most hashes one describe message may ask about. */
export const MAX_DESCRIBE_HASHES = 1000;

/** Messages answered by the media service. */
export const MediaMessages = {
  store: defineMessage<StorePhotoRequest, StorePhotoReply>('media', 'photos.store'),
  fetch: defineMessage<FetchPhotoRequest, FetchPhotoReply>('media', 'photos.fetch'),
  describe: defineMessage<DescribePhotosRequest, DescribePhotosReply>('media', 'photos.describe'),
} as const;
