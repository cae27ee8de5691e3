/** Rupiah and times as people in the branch read them: Indonesian grouping, the branch's time zone. */

const RUPIAH = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0, minimumFractionDigits: 0 });
const NUMBER = new Intl.NumberFormat('id-ID');

/** `Rp 1.250.000`; the API's money is whole rupiah. */
export function rupiah(amount: number): string {
  return RUPIAH.format(amount).replace(/\u00a0/g, ' ');
}

export function count(value: number): string {
  return NUMBER.format(value);
}

function localeOf(language: string): string {
  return language === 'id' ? 'id-ID' : 'en-GB';
}

/** An instant as a date and time on the wall clock of `timeZone`, e.g. `28/11/2026 14.05`. */
export function dateTime(iso: string | null | undefined, timeZone: string, language: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(localeOf(language), { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso)).replace(',', '');
}

/** An instant as a time of day in `timeZone`. */
export function timeOfDay(iso: string | null | undefined, timeZone: string, language: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(localeOf(language), { timeZone, timeStyle: 'short' }).format(new Date(iso));
}

/** A work date (`2026-11-28`, no time of day) in words, e.g. `Sab, 28 Nov 2026`. */
export function workDate(date: string, language: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(localeOf(language), { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** The calendar date it is now in `timeZone`, as the API writes work dates. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** `date` moved by whole days. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

export function bytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
