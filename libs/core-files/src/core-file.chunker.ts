import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { CORE_FILE_COLUMNS, type CoreFileTable } from './core-file-columns.js';

/** Whole records of a file as its text, and the columns its header names (lower case), in the header's order. */
export interface CoreFileChunk {
  columns: string[];
  text: string;
}

export class CoreFileFormatError extends Error {}

const PARSING = { trim: true, skip_empty_lines: true, relax_column_count: true } as const;

/**
 * Cuts an inbound CSV file (UTF-8, a header row, RFC 4180 quoting) into
 * chunks of whole records about `chunkChars` long, kept as text: a chunk
 * crosses each message hop as one string and is parsed once, where its rows
 * are stored (`parseCoreRecords`). A record ends at a line break outside
 * quotes, and since a quote inside a quoted cell is doubled, counting quotes
 * tells which breaks those are. A header that lacks a column, or names an
 * unknown one, is refused before any record.
 */
export async function* chunkCoreFile(input: Readable, table: CoreFileTable, chunkChars = 512 * 1024): AsyncGenerator<CoreFileChunk> {
  let columns: string[] | undefined;
  /** Whole records not sent yet, then the start of the next record, and whether that start leaves a quote open. */
  let records = '';
  let partial = '';
  let quoted = false;
  let first = true;
  input.setEncoding('utf8');
  for await (const received of input as AsyncIterable<string>) {
    let piece = first ? received.replace(/^\uFEFF/, '') : received;
    first = false;
    while (!columns) {
      const headerEnd = firstRecordEnd(partial + piece);
      if (headerEnd < 0) break;
      const text = partial + piece;
      columns = headerColumns(text.slice(0, headerEnd), table);
      partial = '';
      piece = text.slice(headerEnd);
    }
    if (!columns) {
      partial += piece;
      continue;
    }
    const end = lastRecordEnd(piece, quoted);
    if (quotesIn(piece, 0, piece.length) % 2 === 1) quoted = !quoted;
    if (end < 0) {
      partial += piece;
    } else {
      records += partial + piece.slice(0, end);
      partial = piece.slice(end);
    }
    if (records.length >= chunkChars) {
      yield { columns, text: records };
      records = '';
    }
    if (partial.length > 8 * chunkChars) throw new CoreFileFormatError(`a record is longer than ${8 * chunkChars} characters, or a quote is never closed`);
  }
  if (!columns) {
    columns = headerColumns(partial, table);
    partial = '';
  }
  if (!columns) throw new CoreFileFormatError(`the ${table} file has no header row`);
  const rest = records + partial;
  if (rest.trim().length > 0) yield { columns, text: rest };
}

function quotesIn(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('"', from); at >= 0 && at < to; at = text.indexOf('"', at + 1)) count += 1;
  return count;
}

/** Where the first record of `text` ends (after its line break), or -1. */
function firstRecordEnd(text: string): number {
  let quoted = false;
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at];
    if (char === '"') quoted = !quoted;
    else if (char === '\n' && !quoted) return at + 1;
  }
  return -1;
}

/** Where the last whole record of `piece` ends (after its line break), or -1; `quoted` tells whether the piece starts inside quotes. */
function lastRecordEnd(piece: string, quoted: boolean): number {
  for (let at = piece.lastIndexOf('\n'); at >= 0; at = at === 0 ? -1 : piece.lastIndexOf('\n', at - 1)) {
    const open = quoted !== (quotesIn(piece, 0, at) % 2 === 1);
    if (!open) return at + 1;
  }
  return -1;
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
 * The records of a chunk, each as its cells in the chunk's column order,
 * empty cells as null. `firstRowNo` (the chunk's first record's number in
 * its file) only names the row of a record with the wrong number of cells.
 */
export function parseCoreRecords(chunk: CoreFileChunk, firstRowNo: number): (string | null)[][] {
  const records = parse(chunk.text, PARSING);
  return records.map((record, index) => {
    if (record.length !== chunk.columns.length) {
      throw new CoreFileFormatError(`row ${firstRowNo + index} has ${record.length} cells; the header names ${chunk.columns.length}`);
    }
    return record.map((cell) => (cell === '' ? null : cell));
  });
}
