import { describe, expect, it } from '@jest/globals';
import sharp, { type Exif } from 'sharp';
import { GEOTAG, geotaggedJpeg, jpegPhoto } from '../../../../test/support/test-photos.js';
import { readExifEvidence } from './exif-evidence.js';

async function exifOf(photo: Buffer): Promise<Buffer | undefined> {
  return (await sharp(photo).metadata()).exif;
}

async function photoWithExif(exif: Exif): Promise<Buffer> {
  return sharp(await jpegPhoto(1, 32, 32))
    .withExif(exif)
    .toBuffer();
}

describe('readExifEvidence', () => {
  it('reads the capture time with its offset and the position from a geotagged photo', async () => {
    const evidence = readExifEvidence(await exifOf(await geotaggedJpeg(7)));
    expect(evidence.takenAt).toBe(GEOTAG.takenAt);
    expect(evidence.gps?.lat).toBeCloseTo(GEOTAG.lat, 5);
    expect(evidence.gps?.lng).toBeCloseTo(GEOTAG.lng, 5);
  });

  it('takes the GPS time (UTC) when the camera recorded no offset', async () => {
    const photo = await photoWithExif({
      IFD2: { DateTimeOriginal: '2026:11:28 09:30:00' },
      IFD3: { GPSDateStamp: '2026:11:28', GPSTimeStamp: '2/1 31/1 15/1' },
    });
    expect(readExifEvidence(await exifOf(photo)).takenAt).toBe('2026-11-28T02:31:15Z');
  });

  it('keeps a wall-clock time without offset when nothing tells the zone', async () => {
    const photo = await photoWithExif({ IFD2: { DateTimeOriginal: '2026:11:28 09:30:00' } });
    expect(readExifEvidence(await exifOf(photo))).toEqual({ takenAt: '2026-11-28T09:30:00', gps: null });
  });

  it('signs western and northern coordinates by their references', async () => {
    const photo = await photoWithExif({
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '3/1 35/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '98/1 40/1 30/1' },
    });
    expect(readExifEvidence(await exifOf(photo)).gps).toEqual({ lat: 3.5833333, lng: -98.675 });
  });

  it('ignores a position outside the globe', async () => {
    const photo = await photoWithExif({ IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '95/1 0/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '106/1 0/1 0/1' } });
    expect(readExifEvidence(await exifOf(photo)).gps).toBeNull();
  });

  it('gives no evidence for a photo without EXIF or with a damaged EXIF block', async () => {
    expect(readExifEvidence(await exifOf(await jpegPhoto(2, 32, 32)))).toEqual({ takenAt: null, gps: null });
    expect(readExifEvidence(Buffer.from('Exif\0\0garbage that is no TIFF header'))).toEqual({ takenAt: null, gps: null });
  });
});
