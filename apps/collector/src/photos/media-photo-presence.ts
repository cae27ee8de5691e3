import { Injectable, Logger } from '@nestjs/common';
import { ProblemError } from '#libs/common';
import { MAX_DESCRIBE_HASHES, MediaMessages, type PhotoEvidence } from '#libs/contract';
import { MessageClient } from '#libs/transport';
import { PhotoPresence } from './photo-presence.js';

/** Asks the media service, which stores the photos, what it holds of the given hashes. */
@Injectable()
export class MediaPhotoPresence extends PhotoPresence {
  private readonly logger = new Logger('PhotoPresence');

  constructor(private readonly messages: MessageClient) {
    super();
  }

  /**
   * Asks in chunks the media service accepts, however many photos a batch
   * expects. A media service that is down must not take sync status and
   * monitoring down with it.
   */
  async describe(collectorId: string, sha256s: string[]): Promise<PhotoEvidence[] | null> {
    const chunks = Array.from({ length: Math.ceil(sha256s.length / MAX_DESCRIBE_HASHES) }, (_, i) =>
      sha256s.slice(i * MAX_DESCRIBE_HASHES, (i + 1) * MAX_DESCRIBE_HASHES),
    );
    try {
      const replies = await Promise.all(chunks.map((chunk) => this.messages.send(MediaMessages.describe, { sha256s: chunk })));
      return replies.flatMap((reply) =>
        reply.photos
          .filter((photo) => photo.uploaders.some((uploader) => uploader.userId === collectorId))
          .map(({ sha256, type, size, takenAt, gps, receivedAt }) => ({ sha256, type, size, takenAt, gps, receivedAt })),
      );
    } catch (error) {
      if (!(error instanceof ProblemError) || error.problem.status !== 503) throw error;
      this.logger.warn({ msg: 'photo store unreachable; answering without photo news', reason: error.problem.detail });
      return null;
    }
  }
}
