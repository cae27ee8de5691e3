import type { AppConfig } from '#libs/config';

/** Room for a message's JSON around its photo, and for the start of the next message read with it. */
const ENVELOPE_CHARS = 256 * 1024;

/**
 * The longest message, in JSON characters, a service reads from a peer: a
 * photo of MEDIA_MAX_BYTES as base64 plus its envelope. Anything longer is a
 * peer gone wrong and its connection is dropped, so it cannot exhaust memory.
 */
export function maxMessageLength(config: AppConfig): number {
  return Math.ceil(config.mediaMaxBytes / 3) * 4 + ENVELOPE_CHARS;
}
