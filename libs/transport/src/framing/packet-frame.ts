/**
 * A packet as it travels between services: a JSON header, optionally
 * followed by raw bytes (a photo), behind a prefix giving both lengths:
 *
 *   <header bytes>#<header>                       a packet of JSON alone
 *   <header bytes>+<attachment bytes>#<header><attachment>
 *
 * Lengths count bytes, in decimal ASCII. For JSON alone this is Nest's TCP
 * framing (`<length>#<json>`) whenever the JSON is ASCII. The frame is the
 * unit of any transport: a stream (TCP) reads frames one after another with
 * a `FrameReader`; a message broker carries one frame per message.
 */
export interface Frame {
  header: Buffer;
  attachment?: Buffer;
}

const PREFIX = /^(\d{1,12})(?:\+(\d{1,12}))?#/;
/** What a prefix may look like before its `#` has arrived. */
const PARTIAL_PREFIX = /^\d{0,12}(?:\+\d{0,12})?$/;
const MAX_PREFIX_LENGTH = 26;

/** A frame announcing more bytes than the reader accepts: the peer has gone wrong. */
export class FrameTooLongError extends Error {
  constructor(length: number, maxLength: number) {
    super(`The frame is ${length} bytes long; at most ${maxLength} are read`);
  }
}

/** Bytes that are no frame prefix: the peer does not speak this framing. */
export class CorruptFrameError extends Error {
  constructor() {
    super('The frame prefix is corrupt');
  }
}

export function framePrefix(headerLength: number, attachmentLength?: number): Buffer {
  return Buffer.from(attachmentLength === undefined ? `${headerLength}#` : `${headerLength}+${attachmentLength}#`, 'latin1');
}

/** The one frame a whole message holds (a broker carries one frame per message); a corrupt frame error when it holds anything else. */
export function readOneFrame(message: Buffer): Frame {
  const reader = new FrameReader(message.length);
  let frames: Frame[];
  try {
    frames = reader.push(message);
  } catch {
    throw new CorruptFrameError();
  }
  if (frames.length !== 1 || reader.midFrame) throw new CorruptFrameError();
  return frames[0];
}

interface Expected {
  prefixLength: number;
  headerLength: number;
  attachmentLength: number | undefined;
}

/**
 * Cuts a byte stream into frames. A frame's size is known from its prefix,
 * so one larger than `maxFrameLength` is refused before its body is read,
 * and a frame arriving in one chunk is handed out without a copy.
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private expected: Expected | undefined;

  constructor(private readonly maxFrameLength: number) {}

  /** True while part of a frame has been read and the rest has not. */
  get midFrame(): boolean {
    return this.buffered > 0 || this.expected !== undefined;
  }

  /** The frames this chunk completes, in order; throws on a prefix that is corrupt or too long. */
  push(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Frame[] = [];
    for (;;) {
      this.expected ??= this.readPrefix();
      if (!this.expected) break;
      const { prefixLength, headerLength, attachmentLength } = this.expected;
      const bodyLength = headerLength + (attachmentLength ?? 0);
      if (this.buffered < prefixLength + bodyLength) break;
      this.take(prefixLength);
      const body = this.take(bodyLength);
      this.expected = undefined;
      const header = body.subarray(0, headerLength);
      frames.push(attachmentLength === undefined ? { header } : { header, attachment: body.subarray(headerLength) });
    }
    return frames;
  }

  private readPrefix(): Expected | undefined {
    if (this.buffered === 0) return undefined;
    const start = this.peek(Math.min(this.buffered, MAX_PREFIX_LENGTH)).toString('latin1');
    const match = PREFIX.exec(start);
    if (!match) {
      if (start.length < MAX_PREFIX_LENGTH && PARTIAL_PREFIX.test(start)) return undefined;
      throw new CorruptFrameError();
    }
    const headerLength = Number(match[1]);
    const attachmentLength = match[2] === undefined ? undefined : Number(match[2]);
    const length = headerLength + (attachmentLength ?? 0);
    if (length > this.maxFrameLength) throw new FrameTooLongError(length, this.maxFrameLength);
    return { prefixLength: match[0].length, headerLength, attachmentLength };
  }

  private peek(length: number): Buffer {
    const first = this.chunks[0];
    return first.length >= length ? first.subarray(0, length) : Buffer.concat(this.chunks, length);
  }

  /** The next `length` bytes, removed from the buffer: a view of one chunk where they lie in one. */
  private take(length: number): Buffer {
    if (length === 0) return Buffer.alloc(0);
    this.buffered -= length;
    const first = this.chunks[0];
    if (first.length >= length) {
      if (first.length === length) this.chunks.shift();
      else this.chunks[0] = first.subarray(length);
      return first.subarray(0, length);
    }
    let gathered = 0;
    let count = 0;
    while (gathered < length) gathered += this.chunks[count++].length;
    const taken = Buffer.concat(this.chunks.slice(0, count), length);
    const last = this.chunks[count - 1];
    const rest = last.subarray(last.length - (gathered - length));
    this.chunks = rest.length > 0 ? [rest, ...this.chunks.slice(count)] : this.chunks.slice(count);
    return taken;
  }
}
