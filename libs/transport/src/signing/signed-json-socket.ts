import { Logger, type Type } from '@nestjs/common';
import { JsonSocket, type TcpSocket } from '@nestjs/microservices';
import type { Socket } from 'node:net';
import type { PacketDirection, PacketSigner, SignedPacket } from './packet-signer.js';

/** A server reads requests and writes replies; a client the other way round. */
export type SocketSide = 'server' | 'client';

export interface FramingLimits {
  /** The longest packet, in JSON characters, read from the peer. */
  maxBufferSize: number;
}

const logger = new Logger('InternalAuth');

/**
 * Nest's TCP framing (`<length>#<json>`) with every packet signed on the way
 * out and verified on the way in, before it is parsed. A packet that fails
 * verification ends the connection at once: the peer gets no reply at all,
 * and the refusal is logged with the peer's address, never the packet.
 */
export function signedJsonSocket(signer: PacketSigner, side: SocketSide, limits: FramingLimits): Type<TcpSocket> {
  const outgoing: PacketDirection = side === 'server' ? 'reply' : 'request';
  const incoming: PacketDirection = side === 'server' ? 'request' : 'reply';

  return class SignedJsonSocket extends JsonSocket {
    private refused = false;

    constructor(socket: Socket) {
      super(socket, limits);
    }

    protected override handleSend(packet: object, callback?: (err?: unknown) => void): void {
      super.handleSend(signer.sign(outgoing, packet), callback);
    }

    protected override emitMessage(json: string): void {
      if (this.refused) return;
      const refusal = signer.verify(incoming, json);
      if (refusal) {
        this.refuse(refusal);
        return;
      }
      // Nest takes a packet with a key of its own for a foreign payload, so the signature is left behind here.
      const packet = JSON.parse(json) as Partial<SignedPacket<object>>;
      delete packet.signature;
      this.socket.emit('message', packet);
    }

    /** Packets read after a refused one, in the same burst, are dropped with it. */
    private refuse(reason: string): void {
      this.refused = true;
      const peer = `${this.socket.remoteAddress}:${this.socket.remotePort}`;
      logger.warn({ msg: side === 'server' ? 'refused an internal message' : 'refused a reply', reason, peer });
      this.socket.destroy();
    }
  };
}
