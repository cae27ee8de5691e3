import { describe, expect, it } from '@jest/globals';
import { ProblemError } from '#libs/common';
import { MAX_DESCRIBE_HASHES, type DescribePhotosReply, type DescribePhotosRequest, type PhotoSummary, type PhotoUploader } from '#libs/contract';
import type { MessageClient } from '#libs/transport';
import { MediaPhotoPresence } from './media-photo-presence.js';

const hash = (n: number) => n.toString(16).padStart(64, '0');
const ani: PhotoUploader = { userId: 'collector-ani', branchId: 'JKT01' };
const bayu: PhotoUploader = { userId: 'collector-bayu', branchId: 'JKT01' };

function photo(n: number, uploaders: PhotoUploader[]): PhotoSummary {
  return {
    sha256: hash(n),
    type: 'image/jpeg',
    size: 1000 + n,
    width: 640,
    height: 480,
    takenAt: null,
    gps: null,
    uploaders,
    receivedAt: '2026-11-28T03:00:00.000Z',
  };
}

/** The media service at the edge of this unit: answers from a fixed store, recording each request. */
function mediaHolding(stored: PhotoSummary[]) {
  const requests: DescribePhotosRequest[] = [];
  const client = {
    send: (_message: unknown, request: DescribePhotosRequest): Promise<DescribePhotosReply> => {
      requests.push(request);
      return Promise.resolve({ photos: stored.filter((summary) => request.sha256s.includes(summary.sha256)) });
    },
  };
  return { presence: new MediaPhotoPresence(client as unknown as MessageClient), requests };
}

describe('MediaPhotoPresence', () => {
  it('counts a stored photo only for a collector who sent it, first or later', async () => {
    const { presence } = mediaHolding([photo(1, [ani]), photo(2, [bayu]), photo(3, [bayu, ani])]);
    const forAni = await presence.describe(ani.userId, [hash(1), hash(2), hash(3), hash(4)]);
    expect(forAni?.map((evidence) => evidence.sha256)).toEqual([hash(1), hash(3)]);
    expect(forAni?.[0]).toEqual({ sha256: hash(1), type: 'image/jpeg', size: 1001, takenAt: null, gps: null, receivedAt: '2026-11-28T03:00:00.000Z' });
    expect((await presence.describe(bayu.userId, [hash(1), hash(2), hash(3)]))?.map((evidence) => evidence.sha256)).toEqual([hash(2), hash(3)]);
    expect(await presence.describe('collector-cici', [hash(1), hash(2), hash(3)])).toEqual([]);
  });

  it('asks in chunks the media service accepts', async () => {
    const hashes = Array.from({ length: MAX_DESCRIBE_HASHES + 1 }, (_, n) => hash(n));
    const { presence, requests } = mediaHolding([photo(0, [ani]), photo(MAX_DESCRIBE_HASHES, [ani])]);
    expect((await presence.describe(ani.userId, hashes))?.map((evidence) => evidence.sha256)).toEqual([hash(0), hash(MAX_DESCRIBE_HASHES)]);
    expect(requests.map((request) => request.sha256s.length)).toEqual([MAX_DESCRIBE_HASHES, 1]);
  });

  it("counts each visit's photos that have not arrived from its own collector, across collectors in one ask", async () => {
    const { presence, requests } = mediaHolding([photo(1, [ani]), photo(2, [bayu]), photo(3, [bayu, ani])]);
    const missing = await presence.missingOf([
      { visitId: 'visit-ani', collectorId: ani.userId, sha256s: [hash(1), hash(2), hash(3)] },
      { visitId: 'visit-bayu', collectorId: bayu.userId, sha256s: [hash(2), hash(3)] },
      { visitId: 'visit-cici', collectorId: 'collector-cici', sha256s: [hash(1), hash(4)] },
    ]);
    expect(Object.fromEntries(missing!)).toEqual({ 'visit-ani': 1, 'visit-bayu': 0, 'visit-cici': 2 });
    expect(requests).toEqual([{ sha256s: [hash(1), hash(2), hash(3), hash(4)] }]);
  });

  it('answers null while the media service is unreachable, and lets other failures through', async () => {
    const failing = (error: Error) => new MediaPhotoPresence({ send: async () => Promise.reject(error) } as unknown as MessageClient);
    expect(await failing(ProblemError.unavailable('media', 'media is down')).describe(ani.userId, [hash(1)])).toBeNull();
    expect(
      await failing(ProblemError.unavailable('media', 'media is down')).missingOf([{ visitId: 'v', collectorId: ani.userId, sha256s: [hash(1)] }]),
    ).toBeNull();
    await expect(failing(ProblemError.internal()).describe(ani.userId, [hash(1)])).rejects.toThrow(ProblemError);
  });
});
