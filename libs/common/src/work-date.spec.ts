import { describe, expect, it } from '@jest/globals';
import { addDays, endOfWorkDate, workDateOf } from './work-date.js';

describe('work dates', () => {
  it('takes the local day of the branch, not the UTC day', () => {
    expect(workDateOf(new Date('2026-11-27T18:30:00Z'), 'Asia/Jakarta')).toBe('2026-11-28');
    expect(workDateOf(new Date('2026-11-27T16:59:59Z'), 'Asia/Jakarta')).toBe('2026-11-27');
    expect(workDateOf(new Date('2026-11-27T16:59:59Z'), 'Asia/Jayapura')).toBe('2026-11-28');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('ends a work date at the next local midnight', () => {
    expect(endOfWorkDate('2026-11-28', 'Asia/Jakarta').toISOString()).toBe('2026-11-28T17:00:00.000Z');
    expect(endOfWorkDate('2026-11-28', 'UTC').toISOString()).toBe('2026-11-29T00:00:00.000Z');
  });
});
