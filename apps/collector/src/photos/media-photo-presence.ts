import { Injectable } from '@nestjs/common';
import { MediaMessages, type PhotoEvidence } from '#libs/contract';
import { MessageClient } from '#libs/transport';
import { PhotoPresence } from './photo-presence.js';

/** Asks the media service, which stores the photos, what it holds of the given hashes. */
@Injectable()
export class MediaPhotoPresence extends PhotoPresence {
  constructor(private readonly messages: MessageClient) {
    super();
  }

  async describe(sha256s: string[]): Promise<PhotoEvidence[]> {
    if (sha256s.length === 0) return [];
    const { photos } = await this.messages.send(MediaMessages.describe, { sha256s });
    return photos.map(({ sha256, type, size, takenAt, gps, receivedAt }) => ({ sha256, type, size, takenAt, gps, receivedAt }));
  }
}
