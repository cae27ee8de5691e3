import { createHash } from 'node:crypto';

const digests = new WeakMap<Buffer, Buffer>();

/**
 * The SHA-256 of a message's bytes (a photo), computed once per buffer: the
 * transport hashes them to sign or verify the message, and the service that
 * receives them reuses that hash instead of reading 300 KB again. A buffer is
 * never changed once it is sent or received, so its hash stays true.
 */
export function attachmentSha256(bytes: Buffer): Buffer {
  let digest = digests.get(bytes);
  if (!digest) {
    digest = createHash('sha256').update(bytes).digest();
    digests.set(bytes, digest);
  }
  return digest;
}
