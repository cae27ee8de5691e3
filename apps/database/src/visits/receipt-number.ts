import type { ReceiptRangeView } from '#libs/contract';

/** Digits of the running number on a printed receipt. */
const RECEIPT_DIGITS = 6;
const RECEIPT_NO = new RegExp(`^(.+)-(\\d{${RECEIPT_DIGITS}})$`);

/** A receipt number as printed: the range's prefix, a dash, the number zero-padded to six digits (`KWJ1-000042`). */
export function formatReceiptNo(prefix: string, number: number): string {
  return `${prefix}-${String(number).padStart(RECEIPT_DIGITS, '0')}`;
}

/** Whether a receipt number is well formed and inside one of the collector's active ranges. */
export function isInRange(receiptNo: string, ranges: readonly ReceiptRangeView[]): boolean {
  const match = RECEIPT_NO.exec(receiptNo);
  if (!match) return false;
  const [, prefix, digits] = match;
  const number = Number(digits);
  return ranges.some((range) => range.prefix === prefix && number >= range.from && number <= range.to);
}
