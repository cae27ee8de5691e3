import { beforeEach, describe, expect, it } from '@jest/globals';
import { MediaMessages, type Actor, type PhotoSummary } from '#libs/contract';
import { FakeMessageClient } from '../../../../test/support/fake-message-client.js';
import { problemOf } from '../../../../test/support/problems.js';
import { MediaService } from './media.service.js';

const SHA256 = 'ab'.repeat(32);

function caller(userId: string, role: Actor['role'], branchId: string | null): Actor {
  return { userId, username: userId, role, branchId, deviceId: null };
}

const ani = caller('collector-ani', 'collector', 'branch-jkt');
const bayu = caller('collector-bayu', 'collector', 'branch-jkt');
const jakartaSupervisor = caller('supervisor-jkt', 'supervisor', 'branch-jkt');
const bandungSupervisor = caller('supervisor-bdg', 'supervisor', 'branch-bdg');

const stored: PhotoSummary = {
  sha256: SHA256,
  type: 'image/jpeg',
  size: 1000,
  width: 640,
  height: 480,
  takenAt: null,
  gps: null,
  uploaders: [
    { userId: 'collector-cici', branchId: 'branch-bdg' },
    { userId: 'collector-ani', branchId: 'branch-jkt' },
  ],
  receivedAt: '2026-11-28T02:40:00.000Z',
};

describe('MediaService (gateway)', () => {
  let messages: FakeMessageClient;
  let media: MediaService;

  beforeEach(() => {
    messages = new FakeMessageClient().answer(MediaMessages.describe, ({ sha256s }) => ({ photos: sha256s.includes(SHA256) ? [stored] : [] }));
    media = new MediaService(messages);
  });

  it("sends the bytes as they are with the caller as uploader, and shows the caller only themselves among the photo's uploaders", async () => {
    messages.answer(MediaMessages.store, { photo: stored, created: false });
    const reply = await media.store(Buffer.from('jpeg bytes'), SHA256, ani);
    expect(messages.requestsOf(MediaMessages.store)).toEqual([
      { sha256: SHA256, content: Buffer.from('jpeg bytes'), uploader: { userId: 'collector-ani', branchId: 'branch-jkt' } },
    ]);
    const { uploaders: _everyone, ...facts } = stored;
    expect(reply).toEqual({ photo: { ...facts, uploader: { userId: 'collector-ani', branchId: 'branch-jkt' } }, created: false });
  });

  it('shows a photo to an uploader, a supervisor of an uploader, and an admin', async () => {
    for (const viewer of [ani, jakartaSupervisor, bandungSupervisor, caller('admin', 'admin', null)]) {
      expect(await media.viewablePhoto(SHA256, viewer)).toEqual(stored);
    }
  });

  it('refuses a stored photo to anyone else with 403, and answers 404 for one not stored', async () => {
    expect((await problemOf(media.viewablePhoto(SHA256, bayu))).problem).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await problemOf(media.viewablePhoto(SHA256, caller('supervisor-sby', 'supervisor', 'branch-sby')))).problem.status).toBe(403);
    expect((await problemOf(media.viewablePhoto('cd'.repeat(32), ani))).problem).toMatchObject({ status: 404, code: 'photo-not-found' });
  });

  it('hands back the bytes of the variant asked for', async () => {
    messages.answer(MediaMessages.fetch, { type: 'image/jpeg', content: Buffer.from('thumb') });
    expect(await media.content(SHA256, 'thumb')).toEqual({ type: 'image/jpeg', bytes: Buffer.from('thumb') });
    expect(messages.requestsOf(MediaMessages.fetch)).toEqual([{ sha256: SHA256, variant: 'thumb' }]);
  });
});
