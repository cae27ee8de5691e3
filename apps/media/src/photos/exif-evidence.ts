import exifReader from 'exif-reader';
import type { GeoPoint } from '#libs/contract';

/** What a photo's EXIF says about when and where it was taken. */
export interface ExifEvidence {
  takenAt: string | null;
  gps: GeoPoint | null;
}

const NONE: ExifEvidence = { takenAt: null, gps: null };
const OFFSET = /^[+-]\d{2}:\d{2}$/;

type Tags = ReturnType<typeof exifReader>;

/**
 * Reads the capture time and position from a raw EXIF block (as sharp
 * extracts it). Malformed EXIF is no reason to refuse a photo: it just
 * carries no evidence.
 */
export function readExifEvidence(exif: Buffer | undefined): ExifEvidence {
  if (!exif) return NONE;
  let tags: Tags;
  try {
    tags = exifReader(exif);
  } catch {
    return NONE;
  }
  return { takenAt: takenAtOf(tags), gps: gpsOf(tags.GPSInfo) };
}

/**
 * EXIF times are wall-clock times without a zone. The recorded offset makes
 * one exact; failing that the GPS time (UTC) does; failing both, the wall
 * clock is kept as it is, without an offset.
 */
function takenAtOf(tags: Tags): string | null {
  const wallClock = validDate(tags.Photo?.DateTimeOriginal) ?? validDate(tags.Photo?.DateTimeDigitized) ?? validDate(tags.Image?.DateTime);
  const offset = tags.Photo?.OffsetTimeOriginal ?? tags.Photo?.OffsetTime;
  if (wallClock && typeof offset === 'string' && OFFSET.test(offset)) return `${isoSeconds(wallClock)}${offset}`;
  const gpsTime = gpsTimeOf(tags.GPSInfo);
  if (gpsTime) return `${isoSeconds(gpsTime)}Z`;
  return wallClock ? isoSeconds(wallClock) : null;
}

/** exif-reader reads a wall-clock time as if it were UTC; these are its digits. */
function isoSeconds(date: Date): string {
  return date.toISOString().slice(0, 19);
}

function validDate(value: unknown): Date | undefined {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value : undefined;
}

function gpsTimeOf(gps: Tags['GPSInfo']): Date | undefined {
  const date = /^(\d{4}):(\d{2}):(\d{2})$/.exec(String(gps?.GPSDateStamp ?? ''));
  const time = gps?.GPSTimeStamp;
  if (!date || !Array.isArray(time) || time.length !== 3) return undefined;
  const [hours, minutes, seconds] = time;
  return validDate(new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]), hours, minutes, Math.floor(seconds))));
}

function gpsOf(gps: Tags['GPSInfo']): GeoPoint | null {
  const lat = degreesOf(gps?.GPSLatitude, gps?.GPSLatitudeRef, 'S');
  const lng = degreesOf(gps?.GPSLongitude, gps?.GPSLongitudeRef, 'W');
  if (lat === undefined || lng === undefined || Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  return { lat, lng };
}

/** Degrees, minutes and seconds to signed decimal degrees, rounded to about a centimetre. */
function degreesOf(dms: unknown, ref: unknown, negativeRef: string): number | undefined {
  if (!Array.isArray(dms) || dms.length !== 3 || !dms.every((part) => typeof part === 'number' && Number.isFinite(part))) return undefined;
  const [degrees, minutes, seconds] = dms as number[];
  const value = degrees + minutes / 60 + seconds / 3600;
  return Math.round((ref === negativeRef ? -value : value) * 1e7) / 1e7;
}
