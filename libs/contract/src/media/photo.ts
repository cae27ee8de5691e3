/** The image formats a proof photo may have, told by its bytes, never by the client's label. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** `original`: the bytes as uploaded; `thumb`: a small JPEG, upright, without metadata. */
export const PHOTO_VARIANTS = ['original', 'thumb'] as const;
export type PhotoVariant = (typeof PHOTO_VARIANTS)[number];

/** A SHA-256 in lowercase hex, the name of a photo everywhere. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface GeoPoint {
  lat: number;
  lng: number;
}

/** Who sent a photo; it decides who may see it. */
export interface PhotoUploader {
  userId: string;
  branchId: string | null;
}

/** What the media service keeps beside each photo. */
export interface PhotoSummary {
  sha256: string;
  type: PhotoType;
  /** Bytes of the original. */
  size: number;
  /** Pixels as stored (before EXIF orientation is applied). */
  width: number;
  height: number;
  /**
   * When the camera says the photo was taken (EXIF), ISO-8601. It carries an
   * offset when the camera recorded one (or `Z` when it comes from GPS time);
   * without one it is the phone's wall-clock time, to be read in the visit's offset.
   */
  takenAt: string | null;
  /** Where the camera says the photo was taken (EXIF GPS). */
  gps: GeoPoint | null;
  /** Everyone who sent these bytes, the first first: each of them, and their branches' supervisors, may see the photo. */
  uploaders: PhotoUploader[];
  receivedAt: string;
}
