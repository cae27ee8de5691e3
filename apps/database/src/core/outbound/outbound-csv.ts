import type { OutboundRow } from '#libs/contract';

/** A value of a row as delivered: instants already ISO 8601 UTC text. */
export type OutboundValue = OutboundRow[string];

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Rows as an RFC 4180 file: a header of the column names, then one line per
 * row, an empty field for NULL; as many rows as fit `maxBytes`, and always
 * the first. Written by hand because a page is thousands of rows of a dozen
 * plain fields, and a general CSV writer costs more per field than reading
 * the row from the database.
 */
export function renderCsv(columns: string[], rows: OutboundValue[][], maxBytes: number): Buffer {
  const lines = [columns.map(csvField).join(',')];
  let bytes = Buffer.byteLength(lines[0]) + 1;
  for (const row of rows) {
    const line = row.map(csvField).join(',');
    bytes += Buffer.byteLength(line) + 1;
    if (bytes > maxBytes && lines.length > 1) break;
    lines.push(line);
  }
  lines.push('');
  return Buffer.from(lines.join('\n'), 'utf8');
}

function csvField(value: OutboundValue): string {
  if (value === null) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
