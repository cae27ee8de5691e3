import type { AppConfig } from '#libs/config';

/** Room for a message's JSON beside its photo. */
const ENVELOPE_BYTES = 256 * 1024;

/**
 * The longest message, in bytes, a service reads from a peer: JSON and the
 * bytes attached to it together, so a photo of MEDIA_MAX_BYTES and its
 * envelope. Anything longer is a peer gone wrong: its connection is dropped
 * as soon as the frame's prefix announces it, so it cannot exhaust memory.
 */
export function maxMessageLength(config: AppConfig): number {
  return config.mediaMaxBytes + ENVELOPE_BYTES;
}
