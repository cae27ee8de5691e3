import { describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { chunkCoreFile, CoreFileFormatError, parseCoreColumns, type CoreFileChunk } from './core-file.chunker.js';

async function chunksOf(csv: string | Buffer[] | string[], chunkBytes: number): Promise<CoreFileChunk[]> {
  const chunks: CoreFileChunk[] = [];
  for await (const chunk of chunkCoreFile(Readable.from(Array.isArray(csv) ? csv : [csv]), 'assignment', chunkBytes)) chunks.push(chunk);
  return chunks;
}

const textsOf = (chunks: CoreFileChunk[]) => chunks.map((chunk) => chunk.records.toString('utf8'));

/** The records of chunks, row by row, from the columns `parseCoreColumns` gives (work_date, employee_code, account_no, visit_order). */
function rowsOf(chunks: CoreFileChunk[]): (string | null)[][] {
  return chunks.flatMap((chunk) => {
    const { rows, cells } = parseCoreColumns(chunk, 'assignment', 1);
    return Array.from({ length: rows }, (_, row) => cells.map((column) => column[row]));
  });
}

describe('chunkCoreFile', () => {
  it('cuts whole records, never inside a quoted cell, and passes the header columns in their order, lower case', async () => {
    const csv = '\uFEFFAccount_No,visit_order,employee_code,work_date\r\n"10\n01",1,KOL1,2026-12-02\r\n1002,,"KOL""1",2026-12-02\r\n1003,3,KOL2,2026-12-02';
    // Pieces split mid-record and mid-quote, as a network delivers them.
    const pieces = [csv.slice(0, 60), csv.slice(60, 63), csv.slice(63, 90), csv.slice(90)];
    const chunks = await chunksOf(pieces, 10);
    expect(chunks.map((chunk) => chunk.columns)).toEqual(Array(3).fill(['account_no', 'visit_order', 'employee_code', 'work_date']));
    expect(textsOf(chunks)).toEqual(['"10\n01",1,KOL1,2026-12-02\r\n', '1002,,"KOL""1",2026-12-02\r\n', '1003,3,KOL2,2026-12-02']);
    expect(rowsOf(chunks)).toEqual([
      ['2026-12-02', 'KOL1', '10\n01', '1'],
      ['2026-12-02', 'KOL"1', '1002', null],
      ['2026-12-02', 'KOL2', '1003', '3'],
    ]);
  });

  it('never cuts inside a character that spans two received pieces', async () => {
    const csv = Buffer.from('work_date,employee_code,account_no,visit_order\n2026-12-02,KÖL1,1001,1\n2026-12-02,KÖL2,1002,2\n');
    const split = csv.indexOf('Ö') + 1;
    const chunks = await chunksOf([csv.subarray(0, split), csv.subarray(split)], 10);
    expect(rowsOf(chunks).map((row) => row[1])).toEqual(['KÖL1', 'KÖL2']);
  });

  it('keeps records together up to the chunk size', async () => {
    const rows = Array.from({ length: 100 }, (_, n) => `${1000 + n},${n + 1},KOL1,2026-12-02\n`);
    const chunks = await chunksOf(['work_date,employee_code,account_no,visit_order\n', ...rows], 256);
    expect(chunks.length).toBeGreaterThan(5);
    expect(textsOf(chunks).every((text) => text.endsWith('\n'))).toBe(true);
    expect(textsOf(chunks).join('')).toBe(rows.join(''));
  });

  it('refuses a header that lacks a column or names an unknown one, before any record', async () => {
    await expect(chunksOf('work_date,employee_code,account_no\n2026-12-02,KOL1,1001\n', 10)).rejects.toThrow(
      new CoreFileFormatError("the assignment file's header lacks visit_order"),
    );
    await expect(chunksOf('work_date,employee_code,account_no,visit_order,amount\n', 10)).rejects.toThrow('names unknown amount');
  });

  it('refuses an empty file, and a file whose lines end with a bare CR', async () => {
    await expect(chunksOf('', 10)).rejects.toThrow('has no header row');
    await expect(chunksOf('\n\n', 10)).rejects.toThrow('has no header row');
    await expect(chunksOf('work_date,employee_code,account_no,visit_order\r2026-12-02,KOL1,1001,1\r', 10)).rejects.toThrow('LF or CRLF');
  });

  it('refuses a quote that is never closed instead of holding the whole file', async () => {
    await expect(chunksOf(['work_date,employee_code,account_no,visit_order\n"2026', ...Array(20).fill('x,y,z,1\n')], 8)).rejects.toThrow(
      'a quote is never closed',
    );
  });
});

describe('parseCoreColumns', () => {
  it("gives the table's columns in its order, a column the file leaves out as empty cells", () => {
    const chunk = {
      columns: ['employee_code', 'full_name', 'branch_code', 'active'],
      records: Buffer.from('KOL1, Siti ,JKT01,1\nKOL2,"Budi, S.",BDG01,0\n\n'),
    };
    expect(parseCoreColumns(chunk, 'collector', 1)).toEqual({
      rows: 2,
      cells: [
        ['KOL1', 'KOL2'],
        ['Siti', 'Budi, S.'],
        ['JKT01', 'BDG01'],
        ['1', '0'],
        [null, null],
      ],
    });
  });

  it('names the row of a record with another number of cells than the header', () => {
    const chunk = {
      columns: ['work_date', 'employee_code', 'account_no', 'visit_order'],
      records: Buffer.from('2026-12-02,KOL1,1001,1\n2026-12-02,KOL1,1002\n'),
    };
    expect(() => parseCoreColumns(chunk, 'assignment', 41)).toThrow(new CoreFileFormatError('row 42 has 3 cells; the header names 4'));
  });
});
