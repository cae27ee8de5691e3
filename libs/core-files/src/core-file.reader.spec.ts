import { describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { CoreFileFormatError, readCoreFile } from './core-file.reader.js';

async function chunksOf(csv: string, chunkSize: number): Promise<unknown[][]> {
  const chunks: unknown[][] = [];
  for await (const chunk of readCoreFile(Readable.from([csv]), 'assignment', chunkSize)) chunks.push(chunk);
  return chunks;
}

describe('readCoreFile', () => {
  it('numbers rows from 1 after the header, takes columns in any order, and gives empty cells as null', async () => {
    const csv = 'account_no,visit_order,employee_code,work_date\n"1001",1,KOL1,2026-12-02\n1002,,KOL1,2026-12-02\n1003,3,KOL2,2026-12-02\n';
    expect(await chunksOf(csv, 2)).toEqual([
      [
        { rowNo: 1, values: { account_no: '1001', visit_order: '1', employee_code: 'KOL1', work_date: '2026-12-02' } },
        { rowNo: 2, values: { account_no: '1002', visit_order: null, employee_code: 'KOL1', work_date: '2026-12-02' } },
      ],
      [{ rowNo: 3, values: { account_no: '1003', visit_order: '3', employee_code: 'KOL2', work_date: '2026-12-02' } }],
    ]);
  });

  it('refuses a header that lacks a column or names an unknown one, before any row', async () => {
    await expect(chunksOf('work_date,employee_code,account_no\n2026-12-02,KOL1,1001\n', 10)).rejects.toThrow(
      new CoreFileFormatError("the assignment file's header lacks visit_order"),
    );
    await expect(chunksOf('work_date,employee_code,account_no,visit_order,amount\n', 10)).rejects.toThrow('names unknown amount');
  });

  it('refuses an empty file', async () => {
    await expect(chunksOf('', 10)).rejects.toThrow('has no header row');
  });
});
