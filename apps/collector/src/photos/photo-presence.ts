import type { PhotoEvidence } from '#libs/contract';

/**
 * What the photo store holds of the photos visits expect, by SHA-256: the
 * one place monitoring and sync status learn whether a proof photo has
 * arrived and what its EXIF says. Hashes it does not hold are left out of the
 * answer; null means the photo store could not be asked, so the caller can
 * still answer without photo news rather than fail.
 */
export abstract class PhotoPresence {
  abstract describe(sha256s: string[]): Promise<PhotoEvidence[] | null>;
}
