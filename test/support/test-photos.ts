import { createHash } from 'node:crypto';
import sharp, { type Sharp } from 'sharp';

/** Where and when the geotagged test photo says it was taken: Jakarta, Monas, 09:30 WIB. */
export const GEOTAG = {
  lat: -6.175392,
  lng: 106.827153,
  wallClock: '2026:11:28 09:30:00',
  offset: '+07:00',
  takenAt: '2026-11-28T09:30:00+07:00',
};

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Pixels of a different pattern for each seed, so no two test photos share a hash. */
function pixels(width: number, height: number, seed: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  let state = (seed * 2654435761) >>> 0 || 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const i = (y * width + x) * 3;
      data[i] = (x * 255) / width;
      data[i + 1] = (y * 255) / height;
      data[i + 2] = state & 0x3f;
    }
  }
  return data;
}

function image(width: number, height: number, seed: number): Sharp {
  return sharp(pixels(width, height, seed), { raw: { width, height, channels: 3 } });
}

export function jpegPhoto(seed: number, width = 640, height = 480, quality = 80): Promise<Buffer> {
  return image(width, height, seed).jpeg({ quality }).toBuffer();
}

export function pngPhoto(seed: number, width = 320, height = 240): Promise<Buffer> {
  return image(width, height, seed).png().toBuffer();
}

export function webpPhoto(seed: number, width = 320, height = 240): Promise<Buffer> {
  return image(width, height, seed).webp().toBuffer();
}

/** An instant as a camera writes it in EXIF: the wall clock in Jakarta (`YYYY:MM:DD HH:MM:SS`), offset +07:00. */
export function jakartaWallClock(instant: Date): string {
  const local = new Date(instant.getTime() + 7 * 3600_000).toISOString();
  return `${local.slice(0, 10).replaceAll('-', ':')} ${local.slice(11, 19)}`;
}

/**
 * A 640x480 JPEG stored sideways (EXIF orientation 6: shown rotated 90°) with
 * GPS and the capture time: GEOTAG's, or the given wall clock in +07:00.
 */
export function geotaggedJpeg(seed: number, wallClock = GEOTAG.wallClock): Promise<Buffer> {
  const toRational = (value: number) => {
    const degrees = Math.floor(Math.abs(value));
    const minutesFull = (Math.abs(value) - degrees) * 60;
    const minutes = Math.floor(minutesFull);
    const seconds = Math.round((minutesFull - minutes) * 60 * 10000);
    return `${degrees}/1 ${minutes}/1 ${seconds}/10000`;
  };
  return image(640, 480, seed)
    .jpeg({ quality: 80 })
    .withExif({
      IFD0: { Make: 'Collector Phone', Model: 'Field Camera' },
      IFD2: { DateTimeOriginal: wallClock, OffsetTimeOriginal: GEOTAG.offset },
      IFD3: {
        GPSLatitudeRef: GEOTAG.lat < 0 ? 'S' : 'N',
        GPSLatitude: toRational(GEOTAG.lat),
        GPSLongitudeRef: GEOTAG.lng < 0 ? 'W' : 'E',
        GPSLongitude: toRational(GEOTAG.lng),
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** A valid PNG of one colour whose pixel count is over the limit, small in bytes: a decompression bomb. */
export function pixelBombPng(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#808080' } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** The first part of a file, as a dropped connection or a crash mid-write leaves it. */
export function truncated(bytes: Buffer, fraction = 0.7): Buffer {
  return Buffer.from(bytes.subarray(0, Math.floor(bytes.length * fraction)));
}
