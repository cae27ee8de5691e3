import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '#libs/config';
import { Release } from '#libs/entities';
import { openMigratedDatabase, type MigratedDatabase } from '../../../../test/support/migrated-database.js';
import { testEngines } from '../../../../test/support/test-database.js';
import { StorageHealthService } from '../persistence/storage-health.service.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { ReleasesRepository } from './releases.repository.js';

const RELEASE_ID = '00000000-0000-4000-8000-000000000001';
const FIRST_FLUSH = '00000000-0000-4000-8000-0000000000f1';
const SECOND_FLUSH = '00000000-0000-4000-8000-0000000000f2';

describe.each(testEngines())('ReleasesRepository counters on %s', (engine) => {
  let database: MigratedDatabase;
  let releases: ReleasesRepository;

  const counts = async () => {
    const release = await database.dataSource.getRepository(Release).findOneByOrFail({ id: RELEASE_ID });
    return { checks: release.checkCount, downloads: release.downloadCount };
  };

  beforeAll(async () => {
    database = await openMigratedDatabase(engine);
    const runner = new TransactionRunner(database.dataSource, new StorageHealthService(database.dataSource, loadConfig({})));
    releases = new ReleasesRepository(runner);
    await database.dataSource.getRepository(Release).insert({
      id: RELEASE_ID,
      channel: 'production',
      packageName: 'id.multifinance.collection',
      versionCode: 10,
      versionName: '1.10',
      minSdkVersion: 23,
      targetSdkVersion: 34,
      sha256: 'a'.repeat(64),
      size: 1000,
      signerSha256: 'b'.repeat(64),
      signerSubject: 'CN=Collection',
      notes: null,
      mandatory: false,
      rolloutPercent: 100,
      halted: false,
      fileName: 'production-10.apk',
      publishedAt: new Date('2026-11-20T08:00:00Z'),
      publishedBy: 'admin',
      checkCount: 0,
      downloadCount: 0,
    });
  });

  afterAll(async () => {
    await database?.close();
  });

  it('adds a flush once, however often it is delivered', async () => {
    const flush = { flushId: FIRST_FLUSH, counts: [{ releaseId: RELEASE_ID, checks: 3, downloads: 2 }] };
    expect(await releases.addCounts(flush)).toEqual({ updated: 1 });
    expect(await releases.addCounts(flush)).toEqual({ updated: 0 });
    expect(await counts()).toEqual({ checks: 3, downloads: 2 });
  });

  it('adds each new flush', async () => {
    await releases.addCounts({ flushId: SECOND_FLUSH, counts: [{ releaseId: RELEASE_ID, checks: 1, downloads: 4 }] });
    expect(await counts()).toEqual({ checks: 4, downloads: 6 });
  });

  it('drops the counts of a release deleted meanwhile, and still remembers the flush', async () => {
    const flush = { flushId: '00000000-0000-4000-8000-0000000000f3', counts: [{ releaseId: 'gone', checks: 5, downloads: 5 }] };
    expect(await releases.addCounts(flush)).toEqual({ updated: 0 });
    expect(await counts()).toEqual({ checks: 4, downloads: 6 });
  });
});
