import { Injectable, Logger } from '@nestjs/common';
import { makeProblem, ProblemError } from '#libs/common';
import {
  MAX_DESCRIBE_HASHES,
  PHOTO_VARIANTS,
  SHA256_HEX,
  type DescribePhotosReply,
  type FetchPhotoReply,
  type FetchPhotoRequest,
  type PhotoSummary,
  type PhotoUploader,
  type PhotoVariant,
  type StorePhotoReply,
  type StorePhotoRequest,
} from '#libs/contract';
import { attachmentSha256 } from '#libs/transport';
import { PhotoInspector } from './photo.inspector.js';
import { PhotoStorage } from './photo.storage.js';

/** Stores each photo once, under its content hash, and hands it out again. */
@Injectable()
export class PhotosService {
  private readonly logger = new Logger('Photos');
  /** The last store of each hash in progress: uploads of the same photo take turns, so its files are written once. */
  private readonly storing = new Map<string, Promise<StorePhotoReply>>();

  constructor(
    private readonly inspector: PhotoInspector,
    private readonly storage: PhotoStorage,
  ) {}

  async store(request: StorePhotoRequest): Promise<StorePhotoReply> {
    const sha256 = validHash(request.sha256);
    const original = validContent(request.content);
    // Hashed already when the transport verified the message that carried it.
    const actual = attachmentSha256(original).toString('hex');
    if (actual !== sha256) {
      throw ProblemError.badRequest('hash-mismatch', `The photo's SHA-256 is ${actual}, not the declared ${sha256}`, [
        { field: 'sha256', message: 'does not match the SHA-256 of the file' },
      ]);
    }
    const previous = this.storing.get(sha256) ?? Promise.resolve();
    const storing = previous.catch(() => undefined).then(() => this.storeOnce(sha256, original, request));
    this.storing.set(sha256, storing);
    try {
      return await storing;
    } finally {
      if (this.storing.get(sha256) === storing) this.storing.delete(sha256);
    }
  }

  async fetch(request: FetchPhotoRequest): Promise<FetchPhotoReply> {
    const sha256 = validHash(request.sha256);
    const variant = validVariant(request.variant);
    const [summary, content] = await Promise.all([this.storage.summaryOf(sha256), this.storage.contentOf(sha256, variant)]);
    if (!summary) throw notFound(sha256);
    if (variant === 'thumb') return { type: 'image/jpeg', content: content ?? (await this.makeThumbnail(sha256)) };
    if (!content) throw notFound(sha256);
    return { type: summary.type, content };
  }

  async describe(sha256s: string[]): Promise<DescribePhotosReply> {
    if (!Array.isArray(sha256s) || sha256s.length > MAX_DESCRIBE_HASHES) {
      throw ProblemError.validation([{ field: 'sha256s', message: `must be a list of at most ${MAX_DESCRIBE_HASHES} hashes` }]);
    }
    const unique = [...new Set(sha256s.map(validHash))];
    const summaries = await Promise.all(unique.map((sha256) => this.storage.summaryOf(sha256)));
    return { photos: summaries.filter((summary): summary is PhotoSummary => summary !== null) };
  }

  /** The first time a photo's thumbnail is asked for, it is made from the original and kept. */
  private async makeThumbnail(sha256: string): Promise<Buffer> {
    const original = await this.storage.contentOf(sha256, 'original');
    if (!original) throw notFound(sha256);
    const thumbnail = await this.inspector.thumbnailOf(original);
    // Not kept (a full disk): it is shown all the same, and made again next time.
    await this.storage.saveThumbnail(sha256, thumbnail).catch((error: Error) => this.logger.warn({ msg: 'thumbnail not kept', sha256, reason: error.message }));
    return thumbnail;
  }

  private async storeOnce(sha256: string, original: Buffer, request: StorePhotoRequest): Promise<StorePhotoReply> {
    const existing = await this.storage.summaryOf(sha256);
    if (existing) return { photo: await this.withUploader(existing, request.uploader), created: false };
    const facts = await this.inspector.inspect(original);
    const summary: PhotoSummary = {
      sha256,
      type: facts.type,
      size: original.length,
      width: facts.width,
      height: facts.height,
      takenAt: facts.takenAt,
      gps: facts.gps,
      uploaders: [{ userId: request.uploader.userId, branchId: request.uploader.branchId }],
      receivedAt: new Date().toISOString(),
    };
    await this.storage.save({ original, summary });
    return { photo: summary, created: true };
  }

  /**
   * Another collector may send the very same bytes (a forwarded picture): the
   * photo is not written again, but they become one of its uploaders, so they
   * and their supervisors may see what their visit refers to.
   */
  private async withUploader(photo: PhotoSummary, uploader: PhotoUploader): Promise<PhotoSummary> {
    if (photo.uploaders.some((known) => known.userId === uploader.userId)) return photo;
    const updated = { ...photo, uploaders: [...photo.uploaders, { userId: uploader.userId, branchId: uploader.branchId }] };
    await this.storage.saveSummary(updated);
    return updated;
  }
}

/** Hashes name files on disk: anything but 64 hex digits is refused before it gets near a path. */
function validHash(sha256: unknown): string {
  const normalized = typeof sha256 === 'string' ? sha256.toLowerCase() : '';
  if (!SHA256_HEX.test(normalized)) {
    throw ProblemError.validation([{ field: 'sha256', message: 'must be a SHA-256 in hex (64 characters)' }]);
  }
  return normalized;
}

function validContent(content: unknown): Buffer {
  if (!Buffer.isBuffer(content)) throw ProblemError.validation([{ field: 'content', message: "must be the photo's bytes" }]);
  return content;
}

function validVariant(variant: unknown): PhotoVariant {
  const known = PHOTO_VARIANTS.find((candidate) => candidate === variant);
  if (!known) throw ProblemError.validation([{ field: 'variant', message: `must be one of ${PHOTO_VARIANTS.join(', ')}` }]);
  return known;
}

function notFound(sha256: string): ProblemError {
  return new ProblemError(makeProblem(404, 'photo-not-found', `No photo ${sha256} is stored`));
}
