import { describe, expect, it } from '@jest/globals';
import { assessPhotoEvidence } from './photo-evidence.js';

const limits = { maxDistanceM: 500, maxTimeGapMinutes: 120 };
const visit = { visitedAt: '2026-11-28T10:00:00+07:00', location: { lat: -6.175392, lng: 106.827153 } };

describe('assessPhotoEvidence', () => {
  it('passes a photo taken at the visit, a few metres and minutes away', () => {
    const evidence = assessPhotoEvidence(visit, { takenAt: '2026-11-28T09:55:00+07:00', gps: { lat: -6.1754, lng: 106.8272 } }, limits);
    expect(evidence).toEqual({ distanceM: 5, timeGapMinutes: 5, farFromVisit: false, longFromVisit: false });
  });

  it('flags a photo taken farther than the limit, and measures how far', () => {
    // 0.005° of latitude is about 557 m.
    const evidence = assessPhotoEvidence(visit, { takenAt: null, gps: { lat: -6.180392, lng: 106.827153 } }, limits);
    expect(evidence.distanceM).toBeGreaterThan(550);
    expect(evidence.distanceM).toBeLessThan(560);
    expect(evidence.farFromVisit).toBe(true);
  });

  it('keeps a photo just inside the distance limit unflagged', () => {
    const evidence = assessPhotoEvidence(visit, { takenAt: null, gps: { lat: -6.179792, lng: 106.827153 } }, limits);
    expect(evidence.distanceM).toBeLessThanOrEqual(500);
    expect(evidence.farFromVisit).toBe(false);
  });

  it('flags a photo taken longer before or after the visit than the limit', () => {
    const before = assessPhotoEvidence(visit, { takenAt: '2026-11-28T07:59:00+07:00', gps: null }, limits);
    expect(before).toEqual({ distanceM: null, timeGapMinutes: 121, farFromVisit: false, longFromVisit: true });
    const after = assessPhotoEvidence(visit, { takenAt: '2026-11-28T05:00:00Z', gps: null }, limits);
    expect(after).toMatchObject({ timeGapMinutes: 120, longFromVisit: false });
  });

  it("reads a photo time without offset on the visit's clock", () => {
    const evidence = assessPhotoEvidence(visit, { takenAt: '2026-11-28T09:30:00', gps: null }, limits);
    expect(evidence.timeGapMinutes).toBe(30);
  });

  it('follows the configured limits', () => {
    const photo = { takenAt: '2026-11-28T09:30:00+07:00', gps: { lat: -6.1763, lng: 106.827153 } };
    expect(assessPhotoEvidence(visit, photo, { maxDistanceM: 50, maxTimeGapMinutes: 15 })).toMatchObject({ farFromVisit: true, longFromVisit: true });
    expect(assessPhotoEvidence(visit, photo, { maxDistanceM: 500, maxTimeGapMinutes: 120 })).toMatchObject({ farFromVisit: false, longFromVisit: false });
  });

  it('flags nothing, and says so, for a photo without EXIF', () => {
    expect(assessPhotoEvidence(visit, { takenAt: null, gps: null }, limits)).toEqual({
      distanceM: null,
      timeGapMinutes: null,
      farFromVisit: false,
      longFromVisit: false,
    });
  });
});
