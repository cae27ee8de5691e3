import { Injectable } from '@nestjs/common';
import { makeProblem, ProblemError } from '#libs/common';
import { MediaMessages, type Actor, type PhotoSummary, type PhotoUploader, type PhotoVariant } from '#libs/contract';
import { MessageClient } from '#libs/transport';
import { SHA256_ANY_CASE, SHA256_MESSAGE } from '../dto/formats.js';
import { mayViewPhoto } from './photo-access.policy.js';

export type UploadedPhoto = Omit<PhotoSummary, 'uploaders'> & { uploader: PhotoUploader };

export interface PhotoContent {
  type: string;
  bytes: Buffer;
}

/** The gateway's side of proof photos: who may send and see them; the media service does the rest. */
@Injectable()
export class MediaService {
  constructor(private readonly messages: MessageClient) {}

  /** The stored photo as its uploader sees it: with themselves as uploader, never the other people who sent the same bytes. */
  async store(file: Buffer, sha256: string, actor: Actor): Promise<{ photo: UploadedPhoto; created: boolean }> {
    const uploader = { userId: actor.userId, branchId: actor.branchId };
    const { photo, created } = await this.messages.send(MediaMessages.store, { sha256, content: file, uploader });
    const { uploaders: _everyone, ...facts } = photo;
    return { photo: { ...facts, uploader }, created };
  }

  /**
   * The summary of a photo the user may see. A stored photo of someone else
   * is a 403 rather than a 404: its hash can only be known from its bytes.
   */
  async viewablePhoto(sha256: string, actor: Actor): Promise<PhotoSummary> {
    const { photos } = await this.messages.send(MediaMessages.describe, { sha256s: [sha256] });
    const photo = photos[0];
    if (!photo) throw new ProblemError(makeProblem(404, 'photo-not-found', `No photo ${sha256} is stored`));
    if (!photo.uploaders.some((uploader) => mayViewPhoto(actor, uploader))) {
      throw ProblemError.forbidden('Only the collector who took a photo, supervisors of their branch and admins may see it');
    }
    return photo;
  }

  async content(sha256: string, variant: PhotoVariant): Promise<PhotoContent> {
    const reply = await this.messages.send(MediaMessages.fetch, { sha256, variant });
    return { type: reply.type, bytes: reply.content };
  }
}

/** The hash the client declared, from the form field or the header; both must agree when both are sent. */
export function declaredHash(field: string | undefined, header: string | undefined): string {
  const fromHeader = header?.trim();
  if (fromHeader !== undefined && !SHA256_ANY_CASE.test(fromHeader)) {
    throw ProblemError.validation([{ field: 'X-Content-SHA256', message: SHA256_MESSAGE }]);
  }
  if (field && fromHeader && field.toLowerCase() !== fromHeader.toLowerCase()) {
    throw ProblemError.validation([{ field: 'sha256', message: 'differs from the X-Content-SHA256 header' }]);
  }
  const sha256 = field ?? fromHeader;
  if (!sha256) throw ProblemError.validation([{ field: 'sha256', message: 'sha256 (or the X-Content-SHA256 header) is required' }]);
  return sha256.toLowerCase();
}
