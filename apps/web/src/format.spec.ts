import { describe, expect, it } from '@jest/globals';
import { addDays, dateTime, rupiah, timeOfDay, todayIn, workDate } from './format.js';

describe('format', () => {
  it('writes rupiah with Indonesian grouping and no decimals', () => {
    expect(rupiah(1_250_000)).toBe('Rp 1.250.000');
    expect(rupiah(0)).toBe('Rp 0');
    expect(rupiah(9_000_000_001)).toBe('Rp 9.000.000.001');
  });

  it("shows an instant on the branch's wall clock, not the browser's", () => {
    // 23:30 UTC is 06:30 the next morning in Jakarta (UTC+7) and 07:30 in Makassar (UTC+8).
    expect(dateTime('2026-11-27T23:30:00Z', 'Asia/Jakarta', 'id')).toBe('28/11/26 06.30');
    expect(dateTime('2026-11-27T23:30:00Z', 'Asia/Makassar', 'en')).toBe('28/11/2026 07:30');
    expect(timeOfDay('2026-11-27T23:30:00Z', 'Asia/Jakarta', 'en')).toBe('06:30');
    expect(dateTime(null, 'Asia/Jakarta', 'en')).toBe('');
  });

  it('knows which work date it is in the zone when the UTC date differs', () => {
    expect(todayIn('Asia/Jakarta', new Date('2026-11-27T17:30:00Z'))).toBe('2026-11-28');
    expect(todayIn('Asia/Jakarta', new Date('2026-11-27T16:59:00Z'))).toBe('2026-11-27');
  });

  it('names a work date and moves it by whole days across months', () => {
    expect(workDate('2026-11-28', 'en')).toBe('Sat, 28 Nov 2026');
    expect(workDate('2026-11-28', 'id')).toBe('Sab, 28 Nov 2026');
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
