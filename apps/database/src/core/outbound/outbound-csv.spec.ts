import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { renderCsv } from './outbound-csv.js';

const COLUMNS = ['id', 'notes', 'amount'];

describe('renderCsv', () => {
  it('writes a header and a line per row, quoting what RFC 4180 needs and leaving NULL empty', () => {
    const rows = [
      ['a1', 'Pagar dikunci, "anjing" galak\nbalik sore', 1_250_000],
      ['a2', null, 0],
      ['a3', 'Rumah kosong', -6.2],
    ];
    const csv = renderCsv(COLUMNS, rows, 1_000_000).toString('utf8');

    expect(csv.startsWith('id,notes,amount\na1,"Pagar dikunci, ""anjing"" galak\nbalik sore",1250000\na2,,0\n')).toBe(true);
    expect(parse(csv, { columns: true })).toEqual([
      { id: 'a1', notes: 'Pagar dikunci, "anjing" galak\nbalik sore', amount: '1250000' },
      { id: 'a2', notes: '', amount: '0' },
      { id: 'a3', notes: 'Rumah kosong', amount: '-6.2' },
    ]);
  });

  it('stops at the last whole row that fits the budget, counting bytes, not characters', () => {
    const rows = [
      ['a1', 'Jl. Sudirman', 1],
      ['a2', 'Kp. Cibogo ✓', 2],
      ['a3', 'Gg. Mawar', 3],
    ];
    const header = 'id,notes,amount\n';
    const twoRows = Buffer.byteLength(`${header}a1,Jl. Sudirman,1\na2,Kp. Cibogo ✓,2\n`);

    expect(renderCsv(COLUMNS, rows, twoRows).toString('utf8')).toBe(`${header}a1,Jl. Sudirman,1\na2,Kp. Cibogo ✓,2\n`);
    expect(renderCsv(COLUMNS, rows, twoRows - 1).toString('utf8')).toBe(`${header}a1,Jl. Sudirman,1\n`);
  });

  it('always holds the first row, so a take never comes back empty while rows are pending', () => {
    expect(renderCsv(COLUMNS, [['a1', 'Jl. Sudirman', 1]], 10).toString('utf8')).toBe('id,notes,amount\na1,Jl. Sudirman,1\n');
  });
});
