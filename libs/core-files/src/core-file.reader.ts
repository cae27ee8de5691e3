import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { CORE_FILE_COLUMNS, type CoreFileTable } from './core-file-columns.js';

/** One data row of a file: its number (the first row after the header is 1) and its cells, empty ones as null. */
export interface CoreFileRow {
  rowNo: number;
  values: Record<string, string | null>;
}

export class CoreFileFormatError extends Error {}

/**
 * Reads an inbound CSV file (UTF-8, a header row, RFC 4180 quoting) in chunks
 * of rows, so a file of any size is held a chunk at a time. A header that
 * lacks a column, or names an unknown one, is refused before any row.
 */
export async function* readCoreFile(input: Readable, table: CoreFileTable, chunkSize = 2000): AsyncGenerator<CoreFileRow[]> {
  const expected = CORE_FILE_COLUMNS[table].map((column) => column.name);
  const required = CORE_FILE_COLUMNS[table].filter((column) => !column.optional).map((column) => column.name);
  const parser = input.pipe(parse({ bom: true, relax_column_count: false, skip_empty_lines: true, trim: true }));
  let header: string[] | undefined;
  let rowNo = 0;
  let chunk: CoreFileRow[] = [];
  for await (const record of parser as AsyncIterable<string[]>) {
    if (!header) {
      header = record.map((name) => name.toLowerCase());
      const missing = required.filter((name) => !header!.includes(name));
      const unknown = header.filter((name) => !expected.includes(name));
      if (missing.length > 0 || unknown.length > 0) {
        throw new CoreFileFormatError(
          `the ${table} file's header ${missing.length ? `lacks ${missing.join(', ')}` : ''}${missing.length && unknown.length ? ' and ' : ''}${unknown.length ? `names unknown ${unknown.join(', ')}` : ''}`,
        );
      }
      continue;
    }
    rowNo += 1;
    const values: Record<string, string | null> = {};
    header.forEach((name, index) => (values[name] = record[index] === '' ? null : record[index]));
    chunk.push({ rowNo, values });
    if (chunk.length >= chunkSize) {
      yield chunk;
      chunk = [];
    }
  }
  if (!header) throw new CoreFileFormatError(`the ${table} file has no header row`);
  if (chunk.length > 0) yield chunk;
}
