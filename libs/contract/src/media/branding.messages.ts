import { defineMessage } from '../message.js';
import type { EmptyRequest } from '../system/service-status.js';
import type { PhotoType } from './photo.js';

/** The largest logo accepted, in bytes: it is shown small, on every page and phone. */
export const LOGO_MAX_BYTES = 1024 * 1024;

export interface LogoSummary {
  sha256: string;
  type: PhotoType;
  size: number;
  width: number;
  height: number;
  updatedAt: string;
}

export interface StoreLogoRequest {
  contentBase64: string;
}

export interface FetchLogoReply {
  logo: LogoSummary | null;
  contentBase64: string | null;
}

/** The company's branding, kept by the media service beside the photos. */
export const BrandingMessages = {
  storeLogo: defineMessage<StoreLogoRequest, LogoSummary>('media', 'branding.store-logo'),
  fetchLogo: defineMessage<EmptyRequest, FetchLogoReply>('media', 'branding.fetch-logo'),
  describeLogo: defineMessage<EmptyRequest, LogoSummary | null>('media', 'branding.describe-logo'),
} as const;
