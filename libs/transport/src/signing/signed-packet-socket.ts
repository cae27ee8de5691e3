import { Logger, type Type } from '@nestjs/common';
import { TcpSocket } from '@nestjs/microservices';
import type { Socket } from 'node:net';
import { CorruptFrameError, FrameReader, FrameTooLongError, type Frame } from '../framing/packet-frame.js';
import type { PacketCodec } from './packet-codec.js';
import type { PacketDirection } from './packet-signer.js';

/** A server reads requests and writes replies; a client the other way round. */
export type SocketSide = 'server' | 'client';

export interface FramingLimits {
  /** The longest frame, in bytes, read from the peer. */
  maxFrameLength: number;
  /** How long a peer may stop sending in the middle of a frame before the connection is dropped. */
  incompleteFrameTimeoutMs?: number;
  /** The most bytes queued for a peer that does not read them before the connection is dropped. */
  maxSendBufferLength?: number;
}

const INCOMPLETE_FRAME_TIMEOUT_MS = 30_000;
const MAX_SEND_BUFFER_LENGTH = 128 * 1024 * 1024;

const logger = new Logger('InternalAuth');

/**
 * Nest's TCP socket speaking signed frames (`packet-frame.ts`): every packet
 * is signed on the way out and verified on the way in, before it is parsed,
 * and a photo travels as raw bytes after its header. A frame that fails
 * verification ends the connection at once: the peer gets no reply at all,
 * and the refusal is logged with the peer's address, never the packet.
 */
export function signedPacketSocket(codec: PacketCodec, side: SocketSide, limits: FramingLimits): Type<TcpSocket> {
  const outgoing: PacketDirection = side === 'server' ? 'reply' : 'request';
  const incoming: PacketDirection = side === 'server' ? 'request' : 'reply';
  const incompleteFrameTimeoutMs = limits.incompleteFrameTimeoutMs ?? INCOMPLETE_FRAME_TIMEOUT_MS;
  const maxSendBufferLength = limits.maxSendBufferLength ?? MAX_SEND_BUFFER_LENGTH;

  return class SignedPacketSocket extends TcpSocket {
    private readonly reader = new FrameReader(limits.maxFrameLength);
    private refused = false;
    private backpressured = false;
    private writesHeld = false;
    private incompleteFrameTimer: NodeJS.Timeout | undefined;

    constructor(socket: Socket) {
      super(socket);
      socket.on('close', () => clearTimeout(this.incompleteFrameTimer));
    }

    protected override handleSend(packet: object, callback?: (err?: unknown) => void): void {
      const pieces = codec.encode(outgoing, packet);
      this.holdWritesUntilTurnEnds();
      pieces.forEach((piece, index) => this.socket.write(piece, index === pieces.length - 1 ? callback : undefined));
      if (this.socket.writableLength > maxSendBufferLength) this.socket.destroy();
    }

    /**
     * Packets sent in one turn of the event loop leave in one system call: a
     * write to a socket is a large part of what a message costs, and under load
     * several replies (or requests) are ready in the same turn.
     */
    private holdWritesUntilTurnEnds(): void {
      if (this.writesHeld) return;
      this.writesHeld = true;
      this.socket.cork();
      setImmediate(() => {
        this.writesHeld = false;
        this.socket.uncork();
        this.pauseUntilDrained();
      });
    }

    /**
     * A peer that asks without reading the answers must not make this process
     * hold them all: while the system has not taken all that was written, no
     * more is read from that peer.
     */
    private pauseUntilDrained(): void {
      const waitingForDrain = this.socket.writableNeedDrain && this.socket.writableLength > 0;
      if (!waitingForDrain || this.backpressured || this.socket.destroyed) return;
      this.backpressured = true;
      this.socket.pause();
      this.socket.once('drain', () => {
        this.backpressured = false;
        this.socket.resume();
      });
    }

    protected override handleData(data: Buffer | string): void {
      if (this.refused) return;
      try {
        for (const frame of this.framesOf(typeof data === 'string' ? Buffer.from(data) : data)) {
          const { packet, refusal } = codec.decode(incoming, frame);
          if (refusal) {
            this.refuse(refusal);
            return;
          }
          this.socket.emit('message', packet);
        }
      } finally {
        this.watchIncompleteFrame();
      }
    }

    /** A peer that breaks the framing is refused at once: whatever it sends next cannot be read as frames. */
    private framesOf(chunk: Buffer): Frame[] {
      try {
        return this.reader.push(chunk);
      } catch (error) {
        if (error instanceof FrameTooLongError) this.refuse('too-long');
        else if (error instanceof CorruptFrameError) this.refuse('corrupt');
        else throw error;
        return [];
      }
    }

    /** A peer that stops in the middle of a frame would hold its buffer for good. */
    private watchIncompleteFrame(): void {
      clearTimeout(this.incompleteFrameTimer);
      if (this.refused || !this.reader.midFrame) return;
      this.incompleteFrameTimer = setTimeout(() => this.socket.destroy(), incompleteFrameTimeoutMs).unref();
    }

    /** Frames read after a refused one, in the same burst, are dropped with it. */
    private refuse(reason: string): void {
      this.refused = true;
      const peer = `${this.socket.remoteAddress}:${this.socket.remotePort}`;
      logger.warn({ msg: side === 'server' ? 'refused an internal message' : 'refused a reply', reason, peer });
      this.socket.destroy();
    }
  };
}
