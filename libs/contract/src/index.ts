export { APP_NAMES, SERVICE_NAMES, isAppName, type AppName, type ServiceName } from './services.js';
export { defineMessage, type MessageDef, type RequestOf, type ReplyOf } from './message.js';
export { SystemMessages } from './system/system.messages.js';
export type {
  DatabaseDetails,
  DependencyStatus,
  EmptyRequest,
  ServiceStatus,
  StatusReply,
} from './system/service-status.js';
export { MediaMessages } from './media/media.messages.js';
export type {
  DescribePhotosReply,
  DescribePhotosRequest,
  FetchPhotoReply,
  FetchPhotoRequest,
  StorePhotoReply,
  StorePhotoRequest,
} from './media/media.messages.js';
export {
  PHOTO_TYPES,
  PHOTO_VARIANTS,
  SHA256_HEX,
  type GeoPoint,
  type PhotoSummary,
  type PhotoType,
  type PhotoUploader,
  type PhotoVariant,
} from './media/photo.js';
