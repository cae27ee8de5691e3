import { Injectable } from '@nestjs/common';
import type { PhotoEvidence } from '#libs/contract';

/**
 * What the photo store holds of the photos visits expect, by SHA-256: the
 * one place monitoring learns whether a proof photo has arrived and what its
 * EXIF says. Hashes it does not hold are left out of the answer.
 */
export abstract class PhotoPresence {
  abstract describe(sha256s: string[]): Promise<PhotoEvidence[]>;
}

/** Knows of no stored photo: every expected photo reads as not yet received. */
@Injectable()
export class NoPhotoPresence extends PhotoPresence {
  async describe(): Promise<PhotoEvidence[]> {
    return [];
  }
}
