import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A SHA-256 in hex, in either case: the name of a proof photo. */
export const SHA256_ANY_CASE = /^[0-9a-fA-F]{64}$/;
export const SHA256_MESSAGE = 'must be a SHA-256 in hex (64 characters)';

export const BRANCH_CODE = /^[A-Z0-9]{2,16}$/;

/** Result codes: capital letters, digits and `_`, starting with a letter, as stored (at most 16). */
export const RESULT_CODE = /^[A-Z][A-Z0-9_]{1,15}$/;
export const RESULT_CODE_MESSAGE = '$property must be 2 to 16 capital letters, digits or "_", starting with a letter';

/** Query strings carry text: `true`/`false` become booleans, anything else stays text for the validator to refuse. */
export const QueryBoolean = () => Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/** A calendar day that exists, written `YYYY-MM-DD`. */
export function IsWorkDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWorkDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && isCalendarDay(value),
        defaultMessage: () => '$property must be a date written YYYY-MM-DD',
      },
    },
    options,
  );
}

/** Rejects days the calendar lacks (2026-02-30, 2026-13-01): the date would roll over or be invalid. */
function isCalendarDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}
