import { getDistance } from 'geolib';
import type { GeoPoint, PhotoAssessment } from '#libs/contract';

export interface PhotoEvidenceLimits {
  maxDistanceM: number;
  maxTimeGapMinutes: number;
}

/** What the visit claims: when (ISO-8601 with offset) and where. */
export interface ClaimedVisit {
  visitedAt: string;
  location: GeoPoint;
}

/** What the photo's EXIF says; either may be missing. */
export interface PhotoExif {
  takenAt: string | null;
  gps: GeoPoint | null;
}

const WITH_ZONE = /(Z|[+-]\d{2}:\d{2})$/;

/**
 * Compares a proof photo's EXIF with the visit it proves, for monitoring: a
 * photo taken far from where, or long before or after when, the visit claims
 * to have happened is flagged. Missing EXIF is not flagged, only shown as unknown.
 */
export function assessPhotoEvidence(visit: ClaimedVisit, photo: PhotoExif, limits: PhotoEvidenceLimits): PhotoAssessment {
  const distanceM = photo.gps
    ? getDistance({ latitude: visit.location.lat, longitude: visit.location.lng }, { latitude: photo.gps.lat, longitude: photo.gps.lng })
    : null;
  const takenAt = photo.takenAt ? instantOf(photo.takenAt, offsetOf(visit.visitedAt)) : null;
  const timeGapMinutes = takenAt === null ? null : Math.round(Math.abs(takenAt - Date.parse(visit.visitedAt)) / 60000);
  return {
    distanceM,
    timeGapMinutes,
    farFromVisit: distanceM !== null && distanceM > limits.maxDistanceM,
    longFromVisit: timeGapMinutes !== null && timeGapMinutes > limits.maxTimeGapMinutes,
  };
}

function offsetOf(isoTime: string): string {
  return WITH_ZONE.exec(isoTime)?.[1] ?? 'Z';
}

/**
 * A photo time without a zone is the phone's wall clock; the visit, recorded
 * by the same phone, says which offset that clock was in.
 */
function instantOf(takenAt: string, visitOffset: string): number | null {
  const instant = Date.parse(WITH_ZONE.test(takenAt) ? takenAt : `${takenAt}${visitOffset}`);
  return Number.isNaN(instant) ? null : instant;
}
