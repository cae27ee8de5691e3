/**
 * Bytes in a message (a photo) travel beside its JSON, not inside it: a
 * `Buffer` (or any `Uint8Array`) among the top-level fields of a request's
 * `data` or a reply's `response` is taken out of the packet, and the packet
 * names where it goes back (`"attachment":["data","content"]`). One such
 * field per packet.
 */
export interface DetachedPacket {
  /** The packet without its bytes: what becomes JSON. */
  header: object;
  attachment?: Buffer;
}

const PAYLOADS = ['data', 'response'] as const;
type Payload = (typeof PAYLOADS)[number];

/** A field name that can be nothing but a plain property (no `__proto__`). */
const FIELD = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

export function detachBytes(packet: object): DetachedPacket {
  for (const side of PAYLOADS) {
    const payload = (packet as Partial<Record<Payload, unknown>>)[side];
    if (!isPlainObject(payload)) continue;
    const fields = Object.keys(payload).filter((key) => payload[key] instanceof Uint8Array);
    if (fields.length === 0) continue;
    if (fields.length > 1) throw new Error(`A message carries at most one field of bytes; this one has ${fields.join(', ')}`);
    const [field] = fields;
    const { [field]: bytes, ...rest } = payload;
    return { header: { ...packet, [side]: rest, attachment: [side, field] }, attachment: asBuffer(bytes as Uint8Array) };
  }
  return { header: packet };
}

/**
 * Puts the bytes back where the packet says, in place. False when the packet
 * and its bytes do not belong together: bytes without a place, a place
 * without bytes, or a place that is no field of the payload.
 */
export function attachBytes(packet: Record<string, unknown>, attachment: Buffer | undefined): boolean {
  const place = packet.attachment;
  delete packet.attachment;
  if (attachment === undefined) return place === undefined;
  if (!Array.isArray(place) || place.length !== 2) return false;
  const [side, field] = place as unknown[];
  if (!PAYLOADS.some((known) => known === side) || typeof field !== 'string' || !FIELD.test(field)) return false;
  const payload = packet[side as Payload];
  if (!isPlainObject(payload)) return false;
  payload[field] = attachment;
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
