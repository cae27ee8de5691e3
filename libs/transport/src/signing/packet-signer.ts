import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { attachmentSha256 } from '../framing/attachment-digest.js';

/** Which way a packet travels: a service accepts requests and signs replies, its callers the other way round. */
export type PacketDirection = 'request' | 'reply';

/** Why a packet was refused: logged by the receiver, never told to the sender. */
export type Refusal = 'unsigned' | 'stale' | 'bad-signature';

export interface InternalKeys {
  /** Signs every packet and verifies. */
  current: string;
  /** Verifies only: the other key while a rotation rolls out. */
  previous?: string;
}

/** How far a packet's signing time may be from the receiver's clock, either way. */
export const FRESHNESS_WINDOW_MS = 30_000;

export interface PacketSignature {
  /** When the packet was signed, in milliseconds since the epoch. */
  at: number;
  /** HMAC-SHA256, base64url. */
  mac: string;
}

export type SignedPacket<T> = { signature: PacketSignature } & T;

/** The signature leads the packet's JSON, so the receiver reads it without parsing the rest. */
const SIGNATURE_HEAD = /^\{"signature":\{"at":(\d{1,15}),"mac":"([A-Za-z0-9_-]{43})"\},/;
const SIGNATURE_HEAD_MAX_LENGTH = 96;

/**
 * Signs and verifies packets between services with the installation's
 * internal key. The signature covers the direction, the signing time, the
 * packet's JSON text exactly as it travels (pattern, data, id, metadata) and
 * the bytes attached to it (their length and SHA-256), so a packet cannot be altered,
 * turned from a reply into a request, given other bytes, or replayed once its
 * time is outside the window. It leads the packet's JSON, so any transport
 * that carries the packet's frame carries it.
 */
export class PacketSigner {
  private readonly signingKey: KeyObject;
  private readonly verifyingKeys: KeyObject[];

  constructor(
    keys: InternalKeys,
    private readonly now: () => number = Date.now,
  ) {
    this.signingKey = createSecretKey(Buffer.from(keys.current));
    this.verifyingKeys = [keys.current, keys.previous].flatMap((key) => (key ? [createSecretKey(Buffer.from(key))] : []));
  }

  /** The packet with its signature as the first field, so that `JSON.stringify` puts it in the lead. */
  sign<T extends object>(direction: PacketDirection, packet: T): SignedPacket<T> {
    const at = this.now();
    const mac = this.mac(this.signingKey, direction, at, Buffer.from(JSON.stringify(packet).slice(1)), undefined).toString('base64url');
    return { signature: { at, mac }, ...packet };
  }

  /**
   * The signature's JSON, `{"signature":{...},`, for a packet whose JSON after
   * its opening brace is `fields`: written in front of them, it makes the
   * signed packet without copying them.
   */
  signatureHead(direction: PacketDirection, fields: Buffer, attachment?: Buffer): Buffer {
    const at = this.now();
    const mac = this.mac(this.signingKey, direction, at, fields, attachment).toString('base64url');
    return Buffer.from(`{"signature":{"at":${at},"mac":"${mac}"},`, 'latin1');
  }

  /**
   * Checks a signed packet's JSON as received, and the bytes attached to it,
   * before anything parses it. Returns why it is refused, or undefined when
   * it is authentic and fresh.
   */
  verify(direction: PacketDirection, header: string | Buffer, attachment?: Buffer): Refusal | undefined {
    const start = typeof header === 'string' ? header.slice(0, SIGNATURE_HEAD_MAX_LENGTH) : header.subarray(0, SIGNATURE_HEAD_MAX_LENGTH).toString('latin1');
    const head = SIGNATURE_HEAD.exec(start);
    if (!head) return 'unsigned';
    const at = Number(head[1]);
    if (Math.abs(this.now() - at) > FRESHNESS_WINDOW_MS) return 'stale';
    const claimed = Buffer.from(head[2], 'base64url');
    // The head is ASCII: its length in characters is its length in bytes.
    const fields = typeof header === 'string' ? Buffer.from(header.slice(head[0].length)) : header.subarray(head[0].length);
    const authentic = this.verifyingKeys.some((key) => timingSafeEqual(this.mac(key, direction, at, fields, attachment), claimed));
    return authentic ? undefined : 'bad-signature';
  }

  /**
   * Over the packet's JSON after its opening brace, as UTF-8 bytes (several
   * times faster to hash than the string: about 15 ms against 75 ms for 10 MiB),
   * then the attached bytes' SHA-256, which the receiving service reuses (a
   * photo is hashed once on each side, not twice). Their length comes first,
   * so the boundary between JSON and bytes is signed too; a packet without
   * bytes has no length line, and its JSON starts with `"`, never a digit.
   */
  private mac(key: KeyObject, direction: PacketDirection, at: number, fields: Buffer, attachment: Buffer | undefined): Buffer {
    const hmac = createHmac('sha256', key).update(attachment === undefined ? `${direction}\n${at}\n` : `${direction}\n${at}\n${attachment.length}\n`);
    hmac.update(fields);
    if (attachment !== undefined) hmac.update(attachmentSha256(attachment));
    return hmac.digest();
  }
}
