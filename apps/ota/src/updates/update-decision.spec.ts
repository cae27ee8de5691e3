import { describe, expect, it } from '@jest/globals';
import { ProblemError } from '#libs/common';
import type { ChannelPolicy, ReleaseCatalogue, ReleaseRecord } from '#libs/contract';
import { chooseUpdate, currentRelease, rolloutBucket } from './update-decision.js';

function release(versionCode: number, fields: Partial<ReleaseRecord> = {}): ReleaseRecord {
  return {
    id: `release-${fields.channel ?? 'production'}-${versionCode}`,
    channel: 'production',
    packageName: 'id.multifinance.collection',
    versionCode,
    versionName: `1.${versionCode}`,
    minSdkVersion: 23,
    targetSdkVersion: 34,
    sha256: String(versionCode).padStart(64, '0'),
    size: 1000 + versionCode,
    signerSha256: 'a'.repeat(64),
    signerSubject: 'CN=Collection',
    notes: `notes of ${versionCode}`,
    mandatory: false,
    rolloutPercent: 100,
    halted: false,
    fileName: `${versionCode}.apk`,
    publishedAt: '2026-11-28T00:00:00.000Z',
    publishedBy: 'admin',
    checks: 0,
    downloads: 0,
    ...fields,
  };
}

function catalogue(releases: ReleaseRecord[], channels: Partial<ChannelPolicy>[] = []): ReleaseCatalogue {
  return {
    releases,
    channels: channels.map((policy) => ({ channel: 'production', minVersionCode: null, updatedAt: '2026-11-28T00:00:00.000Z', ...policy })),
  };
}

const urlOf = (offered: ReleaseRecord) => `https://updates.example/apk/coll/${offered.channel}/${offered.versionCode}.apk`;
const phone = { versionCode: 100, sdkInt: 23, deviceId: 'device-0001' };

function offered(from: ReleaseCatalogue, request: Partial<typeof phone> & { channel?: string } = {}) {
  return chooseUpdate(from, { ...phone, ...request }, urlOf).decision;
}

describe('chooseUpdate', () => {
  it('offers nothing to a phone that has the latest release', () => {
    expect(offered(catalogue([release(99), release(100)]))).toEqual({ update: null, belowMinimum: false });
  });

  it('offers the highest newer release with everything the phone needs to fetch and verify it', () => {
    const { update } = offered(catalogue([release(101), release(103), release(102)]));
    expect(update).toEqual({
      versionCode: 103,
      versionName: '1.103',
      url: 'https://updates.example/apk/coll/production/103.apk',
      sha256: String(103).padStart(64, '0'),
      size: 1103,
      mandatory: false,
      notes: 'notes of 103',
    });
  });

  it('never offers a halted release, falling back to the next one', () => {
    expect(offered(catalogue([release(101), release(102, { halted: true })])).update?.versionCode).toBe(101);
    expect(offered(catalogue([release(102, { halted: true })])).update).toBeNull();
  });

  it('skips a release whose minSdkVersion is above the phone', () => {
    const from = catalogue([release(101), release(102, { minSdkVersion: 26 })]);
    expect(offered(from, { sdkInt: 24 }).update?.versionCode).toBe(101);
    expect(offered(from, { sdkInt: 26 }).update?.versionCode).toBe(102);
  });

  it('answers only from the channel the phone follows', () => {
    const from = catalogue([release(101), release(105, { channel: 'beta' })]);
    expect(offered(from).update?.versionCode).toBe(101);
    expect(offered(from, { channel: 'beta' }).update?.versionCode).toBe(105);
    expect(offered(from, { channel: 'pilot' }).update).toBeNull();
  });

  it('makes the update mandatory when the offered release is', () => {
    expect(offered(catalogue([release(101, { mandatory: true })])).update?.mandatory).toBe(true);
  });

  it('makes the update mandatory when a release it skips over was mandatory', () => {
    const from = catalogue([release(101, { mandatory: true }), release(102)]);
    expect(offered(from).update).toMatchObject({ versionCode: 102, mandatory: true });
    expect(offered(from, { versionCode: 101 }).update).toMatchObject({ versionCode: 102, mandatory: false });
  });

  it('does not let a halted mandatory release force an update', () => {
    expect(offered(catalogue([release(101, { mandatory: true, halted: true }), release(102)])).update?.mandatory).toBe(false);
  });

  it('makes the update mandatory and flags the phone when it is below the channel minimum', () => {
    const from = catalogue([release(101), release(102)], [{ minVersionCode: 101 }]);
    expect(offered(from)).toMatchObject({ belowMinimum: true, update: { versionCode: 102, mandatory: true } });
    expect(offered(from, { versionCode: 101 })).toMatchObject({ belowMinimum: false, update: { mandatory: false } });
  });

  it('refuses Android older than 6.0 with a 426 problem', () => {
    let refusal: unknown;
    try {
      chooseUpdate(catalogue([release(101)]), { ...phone, sdkInt: 22 }, urlOf);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ProblemError);
    expect((refusal as ProblemError).problem).toMatchObject({ status: 426, code: 'android-unsupported' });
    expect((refusal as ProblemError).problem.detail).toContain('API 22');
  });

  describe('staged rollout', () => {
    const devices = Array.from({ length: 10000 }, (_, index) => `device-${index.toString(36).padStart(5, '0')}`);
    const staged = catalogue([release(101, { rolloutPercent: 20 })]);
    const offeredTo = (from: ReleaseCatalogue) => devices.filter((deviceId) => offered(from, { deviceId }).update !== null);

    it('offers a 20% release to 20% +/- 2% of 10,000 devices, the same devices on every check', () => {
      const first = offeredTo(staged);
      expect(first.length).toBeGreaterThanOrEqual(1800);
      expect(first.length).toBeLessThanOrEqual(2200);
      expect(offeredTo(staged)).toEqual(first);
    });

    it('keeps the devices already offered when the percentage grows', () => {
      const twenty = new Set(offeredTo(staged));
      const fifty = offeredTo(catalogue([release(101, { rolloutPercent: 50 })]));
      expect(fifty.length).toBeGreaterThan(4700);
      expect(fifty.length).toBeLessThan(5300);
      expect([...twenty].every((deviceId) => fifty.includes(deviceId))).toBe(true);
    });

    it('draws different devices for different releases', () => {
      const a = devices.filter((deviceId) => rolloutBucket({ channel: 'production', versionCode: 101 }, deviceId) < 2000);
      const b = new Set(devices.filter((deviceId) => rolloutBucket({ channel: 'production', versionCode: 102 }, deviceId) < 2000));
      const shared = a.filter((deviceId) => b.has(deviceId)).length;
      // Independent draws of 20% share about 4% of the devices.
      expect(shared).toBeGreaterThan(250);
      expect(shared).toBeLessThan(550);
    });

    it('offers the previous full release to devices outside the rollout of a newer one', () => {
      const from = catalogue([release(101), release(102, { rolloutPercent: 20 })]);
      const versions = new Set(devices.slice(0, 500).map((deviceId) => offered(from, { deviceId }).update?.versionCode));
      expect(versions).toEqual(new Set([101, 102]));
    });

    it('offers a mandatory release to every device whatever its percentage', () => {
      expect(offeredTo(catalogue([release(101, { rolloutPercent: 20, mandatory: true })]))).toHaveLength(10000);
    });

    it('offers a staged release to every device below the minimum', () => {
      const from = catalogue([release(101, { rolloutPercent: 0 })], [{ minVersionCode: 101 }]);
      expect(offeredTo(from)).toHaveLength(10000);
    });

    it('offers a 0% release to no device', () => {
      expect(offeredTo(catalogue([release(101, { rolloutPercent: 0 })]))).toHaveLength(0);
    });
  });
});

describe('currentRelease', () => {
  it('is the highest live release offered to every phone', () => {
    const from = catalogue([
      release(101),
      release(102, { mandatory: true, rolloutPercent: 10 }),
      release(103, { rolloutPercent: 30 }),
      release(104, { halted: true }),
      release(110, { channel: 'beta' }),
    ]);
    expect(currentRelease(from, 'production')?.versionCode).toBe(102);
    expect(currentRelease(from, 'beta')?.versionCode).toBe(110);
    expect(currentRelease(from, 'pilot')).toBeNull();
  });
});
