import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { CorruptFrameError, framePrefix, FrameReader, FrameTooLongError, type Frame } from './packet-frame.js';

const header = Buffer.from('{"pattern":"media.photos.store","note":"Jl. Kemang № 5 🙂"}');
const photo = randomBytes(70_000);

function wire(frame: Frame): Buffer {
  return Buffer.concat([framePrefix(frame.header.length, frame.attachment?.length), frame.header, ...(frame.attachment ? [frame.attachment] : [])]);
}

/** Feeds the bytes to a reader in pieces of `size`, and collects every frame it completes. */
function readInPieces(bytes: Buffer, size: number, reader = new FrameReader(1_000_000)): Frame[] {
  const frames: Frame[] = [];
  for (let at = 0; at < bytes.length; at += size) frames.push(...reader.push(bytes.subarray(at, at + size)));
  return frames;
}

describe('the packet frame', () => {
  it('prefixes the JSON with its length in bytes, and the attachment with its own, as Nest frames JSON', () => {
    expect(wire({ header: Buffer.from('{"id":"1"}') }).toString()).toBe('10#{"id":"1"}');
    expect(wire({ header: Buffer.from('{"n":"№"}'), attachment: Buffer.from([0, 35, 255]) })).toEqual(
      Buffer.concat([Buffer.from('11+3#{"n":"№"}'), Buffer.from([0, 35, 255])]),
    );
  });

  it.each([1, 7, 4096, 65536, 1_000_000])('reads back frames with and without bytes, whatever pieces they arrive in (%d bytes at a time)', (size) => {
    const sent: Frame[] = [{ header, attachment: photo }, { header }, { header, attachment: Buffer.alloc(0) }, { header, attachment: photo.subarray(5) }];
    const frames = readInPieces(Buffer.concat(sent.map(wire)), size);
    expect(frames).toHaveLength(sent.length);
    frames.forEach((frame, index) => {
      expect(frame.header.equals(header)).toBe(true);
      expect(frame.attachment === undefined).toBe(sent[index].attachment === undefined);
      if (frame.attachment) expect(frame.attachment.equals(sent[index].attachment!)).toBe(true);
    });
  });

  it('hands out a frame read in one piece as a view of that piece, without copying its bytes', () => {
    const bytes = wire({ header, attachment: photo });
    const [frame] = new FrameReader(1_000_000).push(bytes);
    expect(frame.attachment!.buffer).toBe(bytes.buffer);
  });

  it('says it is in the middle of a frame until the frame is whole', () => {
    const reader = new FrameReader(1_000_000);
    const bytes = wire({ header, attachment: photo });
    expect(reader.midFrame).toBe(false);
    expect(reader.push(bytes.subarray(0, 3))).toEqual([]);
    expect(reader.midFrame).toBe(true);
    expect(reader.push(bytes.subarray(3, bytes.length - 1))).toEqual([]);
    expect(reader.midFrame).toBe(true);
    expect(reader.push(bytes.subarray(bytes.length - 1))).toHaveLength(1);
    expect(reader.midFrame).toBe(false);
  });

  it('takes a frame of exactly the longest length, and refuses a longer one from its prefix alone', () => {
    expect(new FrameReader(header.length + photo.length).push(wire({ header, attachment: photo }))).toHaveLength(1);
    expect(() => new FrameReader(header.length + photo.length - 1).push(framePrefix(header.length, photo.length))).toThrow(FrameTooLongError);
    expect(() => new FrameReader(1000).push(Buffer.from('1001#'))).toThrow(FrameTooLongError);
    expect(() => new FrameReader(1000).push(Buffer.from('10+991#'))).toThrow(FrameTooLongError);
  });

  it.each([
    ['an HTTP request', 'GET / HTTP/1.1\r\nHost: media\r\n\r\n'],
    ['JSON without a prefix', '{"pattern":"media.photos.store"}'],
    ['a negative length', '-5#{}'],
    ['two attachments', '2+1+1#{}ab'],
    ['a length longer than any frame', `${'9'.repeat(13)}#`],
    ['a prefix that never ends', '1'.repeat(40)],
  ])('refuses %s as a corrupt frame', (_what, bytes) => {
    expect(() => new FrameReader(1_000_000).push(Buffer.from(bytes))).toThrow(CorruptFrameError);
  });
});
