/**
 * The calendar day (YYYY-MM-DD) an instant falls on in a time zone: the LKH's
 * work date is the branch's local day, not the server's or UTC's.
 */
export function workDateOf(instant: Date, timeZone: string): string {
  const format = dayFormat(timeZone);
  // The Canadian English date is already YYYY-MM-DD, and formatting it whole costs a third of taking its parts.
  const whole = format.format(instant);
  if (ISO_DAY.test(whole)) return whole;
  const parts = format.formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Building a formatter costs far more than using one, and every visit asks for its day. */
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The first instant after a local day ends in a time zone (the next local midnight). */
export function endOfWorkDate(day: string, timeZone: string): Date {
  const next = addDays(day, 1);
  const guess = new Date(`${next}T00:00:00Z`);
  const offsetMinutes = zoneOffsetMinutes(guess, timeZone);
  return new Date(guess.getTime() - offsetMinutes * 60_000);
}

function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const local = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(local.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}
