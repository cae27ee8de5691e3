import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { ProblemError } from '#libs/common';
import { loadConfig } from '#libs/config';
import { problemOf } from '../../../../test/support/problems.js';
import { StorageHealthService } from './storage-health.service.js';

const DISK_FULL = ProblemError.storageFull("The database's disk is full");

describe('StorageHealthService on a database server whose disk it cannot see', () => {
  let health: StorageHealthService;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-28T09:00:00Z') });
    health = new StorageHealthService({ options: { type: 'postgres' } } as DataSource, loadConfig({}));
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('is writable until a unit of work fails for its storage', async () => {
    await expect(health.assertWritable()).resolves.toBeUndefined();
    health.failed(DISK_FULL, new Error('disk full'));
    expect(await problemOf(health.assertWritable())).toBe(DISK_FULL);
  });

  it('is writable again as soon as a write commits', async () => {
    health.failed(DISK_FULL, new Error('disk full'));
    health.committed();
    await expect(health.assertWritable()).resolves.toBeUndefined();
  });

  it('forgets a failure after 30 seconds without writes, so readiness comes back by itself', async () => {
    health.failed(DISK_FULL, new Error('disk full'));
    jest.advanceTimersByTime(29_000);
    expect(await problemOf(health.assertWritable())).toBe(DISK_FULL);
    jest.advanceTimersByTime(1_000);
    await expect(health.assertWritable()).resolves.toBeUndefined();
  });

  it('counts 30 seconds from the latest failure', async () => {
    health.failed(DISK_FULL, new Error('disk full'));
    jest.advanceTimersByTime(20_000);
    health.failed(DISK_FULL, new Error('disk full'));
    jest.advanceTimersByTime(20_000);
    expect(await problemOf(health.assertWritable())).toBe(DISK_FULL);
  });
});
