import { Injectable } from '@nestjs/common';
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { makeProblem, ProblemError } from '#libs/common';
import { AppConfig } from '#libs/config';
import { PHOTO_TYPES, type PhotoType } from '#libs/contract';
import { readExifEvidence, type ExifEvidence } from './exif-evidence.js';

/** The longest side of a thumbnail, in pixels. */
const THUMBNAIL_SIZE = 320;

const SHARP_FORMATS: Record<PhotoType, string> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

export interface InspectedPhoto extends ExifEvidence {
  type: PhotoType;
  width: number;
  height: number;
}

/**
 * Decides whether uploaded bytes are a whole photo, without trusting anything
 * the client said about them, and makes its thumbnail when one is first asked for.
 */
@Injectable()
export class PhotoInspector {
  private readonly maxPixels: number;

  constructor(config: AppConfig) {
    this.maxPixels = config.mediaMaxPixels;
    // Every photo is decoded once; libvips' operation cache would only hold memory.
    sharp.cache(false);
  }

  async inspect(bytes: Buffer): Promise<InspectedPhoto> {
    const type = await this.sniff(bytes);
    const metadata = await this.readHeader(bytes, type);
    const { width = 0, height = 0 } = metadata;
    if (width * height > this.maxPixels) {
      throw new ProblemError(makeProblem(422, 'too-many-pixels', `The photo is ${width}x${height} pixels; at most ${this.maxPixels} pixels are accepted`));
    }
    await this.decodeWhole(bytes);
    return { type, width, height, ...readExifEvidence(metadata.exif) };
  }

  /**
   * A photo already stored, shown small: upright by its EXIF orientation,
   * flattened onto white, and without any metadata (no GPS leaves in it).
   */
  async thumbnailOf(bytes: Buffer): Promise<Buffer> {
    try {
      return await this.decoder(bytes).flatten({ background: '#ffffff' }).jpeg({ quality: 80 }).toBuffer();
    } catch {
      throw corrupt();
    }
  }

  /** The type the bytes themselves announce; only the three photo formats pass. */
  private async sniff(bytes: Buffer): Promise<PhotoType> {
    const sniffed = await fileTypeFromBuffer(bytes);
    const type = PHOTO_TYPES.find((candidate) => candidate === sniffed?.mime);
    if (!type) {
      const found = sniffed ? `${sniffed.mime} content` : 'content of no known image format';
      throw new ProblemError(makeProblem(415, 'unsupported-photo-type', `The file is ${found}; a photo must be JPEG, PNG or WebP`));
    }
    return type;
  }

  private async readHeader(bytes: Buffer, type: PhotoType): Promise<Metadata> {
    let metadata: Metadata;
    try {
      // The header alone: the pixel limit is checked before anything is decoded.
      metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
    } catch {
      throw corrupt();
    }
    if (metadata.format !== SHARP_FORMATS[type] || !metadata.width || !metadata.height) throw corrupt();
    return metadata;
  }

  /**
   * Decoding every pixel proves the photo whole: a truncated or damaged one
   * fails here. The pixels go nowhere; the thumbnail is made when first asked
   * for, which spares each upload an encoding and a file.
   */
  private async decodeWhole(bytes: Buffer): Promise<void> {
    try {
      await this.decoder(bytes).raw().toBuffer();
    } catch {
      throw corrupt();
    }
  }

  /** Every pixel decoded, scaled into the thumbnail's size as it is read, so a large photo never sits whole in memory. */
  private decoder(bytes: Buffer): Sharp {
    return sharp(bytes, { failOn: 'error', limitInputPixels: this.maxPixels, autoOrient: true }).resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, {
      fit: 'inside',
      withoutEnlargement: true,
    });
  }
}

function corrupt(): ProblemError {
  return new ProblemError(makeProblem(422, 'corrupt-photo', 'The photo could not be decoded: it is truncated or damaged'));
}
