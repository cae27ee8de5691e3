import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { storageProblemOf } from './storage-failure.js';

const failed = (driverError: Record<string, unknown>) => new QueryFailedError('COMMIT', [], Object.assign(new Error('failed'), driverError));

describe('storageProblemOf', () => {
  it.each([
    ['SQLite: database or disk is full', failed({ code: 'SQLITE_FULL' })],
    ['PostgreSQL: disk full', failed({ code: '53100' })],
    ['SQL Server: filegroup full', failed({ number: 1105 })],
    ['SQL Server: transaction log full', failed({ number: 9002 })],
    ['a file write: no space left on the device', Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })],
    ['a file write: quota exceeded', Object.assign(new Error('EDQUOT: disk quota exceeded'), { code: 'EDQUOT' })],
  ])('answers %s as 507 storage-full', (_case, error) => {
    expect(storageProblemOf(error)?.problem).toMatchObject({ status: 507, code: 'storage-full', retryAfterSeconds: 60 });
  });

  it('answers an SQLite I/O error as the database being unavailable', () => {
    expect(storageProblemOf(failed({ code: 'SQLITE_IOERR_WRITE' }))?.problem).toMatchObject({
      status: 503,
      code: 'service-unavailable',
      service: 'database',
      detail: expect.stringContaining('I/O error'),
    });
  });

  it.each([
    ['a unique violation', failed({ code: 'SQLITE_CONSTRAINT_UNIQUE' })],
    ['a PostgreSQL unique violation', failed({ code: '23505' })],
    ['a busy database', failed({ code: 'SQLITE_BUSY' })],
    ['anything else', new Error('boom')],
    ['nothing', undefined],
  ])('leaves %s alone', (_case, error) => {
    expect(storageProblemOf(error)).toBeUndefined();
  });
});
