import { Injectable, Logger } from '@nestjs/common';
import { ProblemError } from '#libs/common';
import { MediaMessages, type PhotoEvidence } from '#libs/contract';
import { MessageClient } from '#libs/transport';
import { PhotoPresence } from './photo-presence.js';

/** Asks the media service, which stores the photos, what it holds of the given hashes. */
@Injectable()
export class MediaPhotoPresence extends PhotoPresence {
  private readonly logger = new Logger('PhotoPresence');

  constructor(private readonly messages: MessageClient) {
    super();
  }

  /** A media service that is down must not take sync status and monitoring down with it. */
  async describe(sha256s: string[]): Promise<PhotoEvidence[] | null> {
    if (sha256s.length === 0) return [];
    let photos;
    try {
      ({ photos } = await this.messages.send(MediaMessages.describe, { sha256s }));
    } catch (error) {
      if (!(error instanceof ProblemError) || error.problem.status !== 503) throw error;
      this.logger.warn({ msg: 'photo store unreachable; answering without photo news', reason: error.problem.detail });
      return null;
    }
    return photos.map(({ sha256, type, size, takenAt, gps, receivedAt }) => ({ sha256, type, size, takenAt, gps, receivedAt }));
  }
}
