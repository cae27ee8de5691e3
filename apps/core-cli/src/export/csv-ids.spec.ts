import { describe, expect, it } from '@jest/globals';
import { idsOfCsv } from './csv-ids.js';

const HEADER = 'id,visit_id,notes,photo_count\n';

describe('idsOfCsv', () => {
  it('reads the first field of every record after the header', () => {
    const csv = `${HEADER}a1,v1,,1\na2,v2,Rumah kosong,0\na3,v3,,2\n`;
    expect(idsOfCsv(csv)).toEqual(['a1', 'a2', 'a3']);
  });

  it('does not take a line break or a quote inside a quoted field for the start of a record', () => {
    const csv = `${HEADER}a1,v1,"Pagar dikunci,\nb2,anjing galak ""awas""\n",1\na2,v2,"""",0\na3,v3,"satu\n\ndua",2\n`;
    expect(idsOfCsv(csv)).toEqual(['a1', 'a2', 'a3']);
  });

  it('finds no ids in a file of the header alone, nor in an empty one', () => {
    expect(idsOfCsv(HEADER)).toEqual([]);
    expect(idsOfCsv('')).toEqual([]);
  });
});
