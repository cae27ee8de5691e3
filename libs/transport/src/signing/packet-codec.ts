import { attachBytes, detachBytes } from '../framing/packet-attachment.js';
import { framePrefix, type Frame } from '../framing/packet-frame.js';
import type { PacketDirection, PacketSigner, Refusal } from './packet-signer.js';

/** Why a frame was refused: its signature, or (signed, yet malformed) bytes that do not fit its header. */
export type FrameRefusal = Refusal | 'malformed';

export type Decoded = { packet: Record<string, unknown>; refusal?: undefined } | { packet?: undefined; refusal: FrameRefusal };

/**
 * Turns Nest packets into signed frames and back, whatever carries the
 * frames: the packet's JSON is the frame's header, led by its signature, and
 * its bytes (a photo) the frame's attachment, never base64 in the JSON.
 */
export class PacketCodec {
  constructor(private readonly signer: PacketSigner) {}

  /** The signed frame of a packet, as the pieces to write one after another (the bytes are not copied). */
  encode(direction: PacketDirection, packet: object): Buffer[] {
    const { header, attachment } = detachBytes(packet);
    const fields = Buffer.from(JSON.stringify(header)).subarray(1);
    const head = this.signer.signatureHead(direction, fields, attachment);
    const prefix = framePrefix(head.length + fields.length, attachment?.length);
    return attachment === undefined ? [prefix, head, fields] : [prefix, head, fields, attachment];
  }

  /** The packet of a frame, without its signature and with its bytes back in place; nothing is parsed before the signature is checked. */
  decode(direction: PacketDirection, frame: Frame): Decoded {
    const refusal = this.signer.verify(direction, frame.header, frame.attachment);
    if (refusal) return { refusal };
    const packet = JSON.parse(frame.header.toString('utf8')) as Record<string, unknown>;
    // Nest takes a packet with a key of its own for a foreign payload, so the signature is left behind here.
    delete packet.signature;
    return attachBytes(packet, frame.attachment) ? { packet } : { refusal: 'malformed' };
  }
}
