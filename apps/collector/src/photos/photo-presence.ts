import type { PhotoEvidence } from '#libs/contract';

/**
 * What the photo store holds of the photos a collector's visits expect, by
 * SHA-256: the one place monitoring and sync status learn whether a proof
 * photo has arrived and what its EXIF says. A photo counts for a visit only
 * once the visit's own collector has sent it: a hash someone else uploaded is
 * no evidence of this visit. Hashes not held, or not sent by the collector,
 * are left out of the answer; null means the photo store could not be asked,
 * so the caller can still answer without photo news rather than fail.
 */
export abstract class PhotoPresence {
  abstract describe(collectorId: string, sha256s: string[]): Promise<PhotoEvidence[] | null>;
}
