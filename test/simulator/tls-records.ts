/** TLS record content types (RFC 5246 section 6.2.1). */
export const APPLICATION_DATA = 23;

/**
 * Follows the record layer of one direction of a TLS connection, whose 5-byte
 * headers travel in clear: it tells which records begin in each chunk, so a
 * proxy that cannot read the traffic still knows a request or a response from
 * the handshake. Under TLS 1.2 (what Android 6.0 phones speak) handshake
 * records keep their own type; under TLS 1.3 they would look like data.
 */
export class TlsRecordScanner {
  private header = Buffer.alloc(0);
  private bodyLeft = 0;

  /** The content types of the records whose header completes in this chunk. */
  scan(chunk: Buffer): number[] {
    const types: number[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      if (this.bodyLeft > 0) {
        const taken = Math.min(this.bodyLeft, chunk.length - offset);
        this.bodyLeft -= taken;
        offset += taken;
        continue;
      }
      const needed = 5 - this.header.length;
      this.header = Buffer.concat([this.header, chunk.subarray(offset, offset + needed)]);
      offset += Math.min(needed, chunk.length - offset);
      if (this.header.length < 5) break;
      types.push(this.header[0]);
      this.bodyLeft = this.header.readUInt16BE(3);
      this.header = Buffer.alloc(0);
    }
    return types;
  }
}
