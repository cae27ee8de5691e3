import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { CORE_FILE_COLUMNS, type CoreFileTable } from './core-file-columns.js';

/** Whole records of a file as its UTF-8 bytes, and the columns its header names (lower case), in the header's order. */
export interface CoreFileChunk {
  columns: string[];
  records: Buffer;
}

/** A chunk's cells by column, in the order of the table's columns (`CORE_FILE_COLUMNS`): empty cells, and a column the file leaves out, as null. */
export interface CoreFileColumns {
  rows: number;
  cells: (string | null)[][];
}

export class CoreFileFormatError extends Error {}

const PARSING = { trim: true, skip_empty_lines: true, relax_column_count: true } as const;

const QUOTE = 0x22;
const LINE_FEED = 0x0a;
const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Cuts an inbound CSV file (UTF-8, a header row, RFC 4180 quoting) into
 * chunks of whole records about `chunkBytes` long, kept as bytes: a chunk
 * crosses each message hop beside the message's JSON, as a photo does, so
 * one process hands it on without copying it, and it is parsed once, where
 * its rows are stored (`parseCoreColumns`). A record ends at a line feed
 * outside quotes, and since a quote inside a quoted cell is doubled,
 * counting quotes tells which line feeds those are; both are single bytes in
 * UTF-8, so a cut never splits a character. A header that lacks a column,
 * or names an unknown one, is refused before any record.
 */
export async function* chunkCoreFile(input: Readable, table: CoreFileTable, chunkBytes = 256 * 1024): AsyncGenerator<CoreFileChunk> {
  let columns: string[] | undefined;
  /** Whole records not sent yet, then the start of the next record (pieces of the received buffers, not copies). */
  let records: Buffer[] = [];
  let recordBytes = 0;
  let partial: Buffer[] = [];
  let partialBytes = 0;
  let quoted = false;
  let first = true;
  for await (const received of input as AsyncIterable<Buffer | string>) {
    let piece = typeof received === 'string' ? Buffer.from(received) : received;
    if (first && piece.subarray(0, BYTE_ORDER_MARK.length).equals(BYTE_ORDER_MARK)) piece = piece.subarray(BYTE_ORDER_MARK.length);
    first = false;
    let start = 0;
    let end = -1;
    for (let at = 0; at < piece.length; at += 1) {
      const byte = piece[at];
      if (byte === QUOTE) quoted = !quoted;
      else if (byte === LINE_FEED && !quoted) {
        if (columns) {
          end = at + 1;
        } else {
          columns = headerColumns(Buffer.concat([...partial, piece.subarray(start, at + 1)]).toString('utf8'), table);
          partial = [];
          partialBytes = 0;
          start = at + 1;
        }
      }
    }
    if (end > start) {
      records.push(...partial, piece.subarray(start, end));
      recordBytes += partialBytes + end - start;
      partial = [];
      partialBytes = 0;
      start = end;
    }
    if (start < piece.length) {
      partial.push(piece.subarray(start));
      partialBytes += piece.length - start;
    }
    if (recordBytes >= chunkBytes) {
      yield { columns: columns!, records: Buffer.concat(records, recordBytes) };
      records = [];
      recordBytes = 0;
    }
    if (partialBytes > 8 * chunkBytes) throw new CoreFileFormatError(`a record is longer than ${8 * chunkBytes} bytes, or a quote is never closed`);
  }
  if (!columns) {
    columns = headerColumns(Buffer.concat(partial).toString('utf8'), table);
    partial = [];
  }
  if (!columns) throw new CoreFileFormatError(`the ${table} file has no header row`);
  const rest = Buffer.concat([...records, ...partial]);
  if (rest.some((byte) => !isBlank(byte))) yield { columns, records: rest };
}

function isBlank(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === LINE_FEED;
}

/** The columns a header line names, checked against the table's; undefined for an empty line. */
function headerColumns(line: string, table: CoreFileTable): string[] | undefined {
  const [record, ...more] = parse(line, PARSING);
  if (!record) return undefined;
  if (more.length > 0) throw new CoreFileFormatError('lines must end with LF or CRLF');
  const header = record.map((name) => name.toLowerCase());
  const expected = CORE_FILE_COLUMNS[table].map((column) => column.name);
  const required = CORE_FILE_COLUMNS[table].filter((column) => !column.optional).map((column) => column.name);
  const missing = required.filter((name) => !header.includes(name));
  const unknown = header.filter((name) => !expected.includes(name));
  if (missing.length > 0 || unknown.length > 0) {
    const lacks = missing.length ? `lacks ${missing.join(', ')}` : '';
    const names = unknown.length ? `names unknown ${unknown.join(', ')}` : '';
    throw new CoreFileFormatError(`the ${table} file's header ${[lacks, names].filter(Boolean).join(' and ')}`);
  }
  return header;
}

/**
 * The cells of a chunk's records, column by column in the table's order,
 * ready to be bound as they are: no array per record outlives its parsing.
 * `firstRowNo` (the chunk's first record's number in its file) only names
 * the row of a record with the wrong number of cells.
 */
export function parseCoreColumns(chunk: CoreFileChunk, table: CoreFileTable, firstRowNo: number): CoreFileColumns {
  const positions = CORE_FILE_COLUMNS[table].map((column) => chunk.columns.indexOf(column.name));
  const cells = positions.map((): (string | null)[] => []);
  let rows = 0;
  parse(chunk.records, {
    ...PARSING,
    on_record: (record: string[]) => {
      if (record.length !== chunk.columns.length) {
        throw new CoreFileFormatError(`row ${firstRowNo + rows} has ${record.length} cells; the header names ${chunk.columns.length}`);
      }
      for (let column = 0; column < positions.length; column += 1) {
        const cell = positions[column] < 0 ? '' : record[positions[column]];
        cells[column].push(cell === '' ? null : cell);
      }
      rows += 1;
      return null;
    },
  });
  return { rows, cells };
}
