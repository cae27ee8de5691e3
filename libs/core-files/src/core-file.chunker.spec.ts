import { describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { chunkCoreFile, CoreFileFormatError, parseCoreRecords, type CoreFileChunk } from './core-file.chunker.js';

async function chunksOf(csv: string | string[], chunkChars: number): Promise<CoreFileChunk[]> {
  const chunks: CoreFileChunk[] = [];
  for await (const chunk of chunkCoreFile(Readable.from(Array.isArray(csv) ? csv : [csv]), 'assignment', chunkChars)) chunks.push(chunk);
  return chunks;
}

describe('chunkCoreFile', () => {
  it('cuts whole records, never inside a quoted cell, and passes the header columns in their order, lower case', async () => {
    const csv = '\uFEFFAccount_No,visit_order,employee_code,work_date\r\n"10\n01",1,KOL1,2026-12-02\r\n1002,,"KOL""1",2026-12-02\r\n1003,3,KOL2,2026-12-02';
    // Pieces split mid-record and mid-quote, as a network delivers them.
    const pieces = [csv.slice(0, 60), csv.slice(60, 63), csv.slice(63, 90), csv.slice(90)];
    const chunks = await chunksOf(pieces, 10);
    expect(chunks.map((chunk) => chunk.columns)).toEqual(Array(3).fill(['account_no', 'visit_order', 'employee_code', 'work_date']));
    expect(chunks.map((chunk) => chunk.text)).toEqual(['"10\n01",1,KOL1,2026-12-02\r\n', '1002,,"KOL""1",2026-12-02\r\n', '1003,3,KOL2,2026-12-02']);
    expect(chunks.flatMap((chunk) => parseCoreRecords(chunk, 1))).toEqual([
      ['10\n01', '1', 'KOL1', '2026-12-02'],
      ['1002', null, 'KOL"1', '2026-12-02'],
      ['1003', '3', 'KOL2', '2026-12-02'],
    ]);
  });

  it('keeps records together up to the chunk size', async () => {
    const rows = Array.from({ length: 100 }, (_, n) => `${1000 + n},${n + 1},KOL1,2026-12-02\n`);
    const chunks = await chunksOf(['work_date,employee_code,account_no,visit_order\n', ...rows], 256);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.every((chunk) => chunk.text.endsWith('\n'))).toBe(true);
    expect(chunks.map((chunk) => chunk.text).join('')).toBe(rows.join(''));
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

describe('parseCoreRecords', () => {
  it('names the row of a record with another number of cells than the header', () => {
    const chunk = { columns: ['work_date', 'employee_code', 'account_no', 'visit_order'], text: '2026-12-02,KOL1,1001,1\n2026-12-02,KOL1,1002\n' };
    expect(() => parseCoreRecords(chunk, 41)).toThrow(new CoreFileFormatError('row 42 has 3 cells; the header names 4'));
  });
});
