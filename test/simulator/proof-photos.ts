import { createHash } from 'node:crypto';
import sharp from 'sharp';

/** A photo as the phone keeps it until uploaded: its hash, and what makes its bytes (made again when sent, so thousands of queued photos take no memory). */
export interface ProofPhoto {
  sha256: string;
  caption: string;
}

/**
 * Proof photos for the simulated phones: one JPEG encoded once, made unique
 * by a comment segment (JPEG's COM marker) right after its start marker. Each
 * photo is a whole, decodable image with a hash of its own, made without
 * encoding 80,000 images on the machine under test.
 */
export class ProofPhotoCamera {
  private constructor(private readonly base: Buffer) {}

  static async of(width: number, height: number): Promise<ProofPhotoCamera> {
    const base = await sharp({ create: { width, height, channels: 3, background: { r: 96, g: 128, b: 72 } } })
      .composite([{ input: Buffer.from(noise(width, height)), raw: { width, height, channels: 3 }, blend: 'overlay' }])
      .jpeg({ quality: 80 })
      .toBuffer();
    return new ProofPhotoCamera(base);
  }

  get size(): number {
    return this.base.length;
  }

  /** A photo whose comment names what it proves, so every one differs. */
  take(caption: string): ProofPhoto {
    return { sha256: createHash('sha256').update(this.bytesOf({ caption })).digest('hex'), caption };
  }

  bytesOf(photo: Pick<ProofPhoto, 'caption'>): Buffer {
    const text = Buffer.from(photo.caption, 'utf8');
    const segment = Buffer.alloc(4);
    segment.writeUInt16BE(0xfffe, 0);
    segment.writeUInt16BE(text.length + 2, 2);
    return Buffer.concat([this.base.subarray(0, 2), segment, text, this.base.subarray(2)]);
  }
}

/** Some texture, so the photo compresses like a photo rather than a flat colour. */
function noise(width: number, height: number): Uint8Array {
  const pixels = new Uint8Array(width * height * 3);
  let state = 2463534242;
  for (let i = 0; i < pixels.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    pixels[i] = (state >>> 0) & 0xff;
  }
  return pixels;
}
