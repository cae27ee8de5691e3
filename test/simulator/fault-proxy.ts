import { createServer, connect, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { APPLICATION_DATA, TlsRecordScanner } from './tls-records.js';

/** The share of each fault, from 0 to 1. */
export interface FaultPlan {
  /** Responses cut off once the server has started sending them: it acted, the phone never hears back. */
  drop: number;
  /** Requests whose connection is reset before the server sees them. */
  reset: number;
  /** Connections on a slow mobile network: each burst of bytes waits, and bytes trickle. */
  slow: number;
}

export interface FaultCounts {
  connections: number;
  droppedResponses: number;
  resetRequests: number;
  slowConnections: number;
}

/** A slow connection: a round trip of this much in each direction, and at most this many bytes a second. */
const SLOW_LATENCY_MS = 150;
const SLOW_BYTES_PER_SECOND = 64 * 1024;

/**
 * A TCP proxy in front of the gateway that does to phones what a mobile network
 * does. It cannot read the TLS traffic, so it tells requests and responses from
 * the handshake by the records' clear headers (see TlsRecordScanner): a response
 * is the first data the server sends after the phone sent some.
 */
export class FaultProxy {
  readonly counts: FaultCounts = { connections: 0, droppedResponses: 0, resetRequests: 0, slowConnections: 0 };
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly target: { host: string; port: number },
    private readonly plan: FaultPlan,
  ) {
    this.server = createServer((phone) => this.relay(phone));
  }

  /** Listens on a free loopback port and answers it. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as { port: number }).port));
    });
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private relay(phone: Socket): void {
    this.counts.connections += 1;
    const gateway = connect(this.target);
    const slow = Math.random() < this.plan.slow;
    if (slow) this.counts.slowConnections += 1;
    const fromPhone = new TlsRecordScanner();
    const fromGateway = new TlsRecordScanner();
    let requestPending = false;
    const cut = () => {
      phone.resetAndDestroy();
      gateway.destroy();
    };
    const toGateway = this.pipe(gateway, slow);
    const toPhone = this.pipe(phone, slow);

    phone.on('data', (chunk: Buffer) => {
      const sendsRequest = fromPhone.scan(chunk).includes(APPLICATION_DATA);
      if (sendsRequest && !requestPending && Math.random() < this.plan.reset) {
        this.counts.resetRequests += 1;
        return cut();
      }
      if (sendsRequest) requestPending = true;
      toGateway(chunk);
    });
    gateway.on('data', (chunk: Buffer) => {
      const answers = fromGateway.scan(chunk).includes(APPLICATION_DATA);
      if (answers && requestPending) {
        requestPending = false;
        if (Math.random() < this.plan.drop) {
          this.counts.droppedResponses += 1;
          return cut();
        }
      }
      toPhone(chunk);
    });
    for (const [socket, other] of [
      [phone, gateway],
      [gateway, phone],
    ]) {
      this.sockets.add(socket);
      socket.on('error', cut);
      socket.on('end', () => other.end());
      socket.on('close', () => {
        this.sockets.delete(socket);
        other.destroy();
      });
    }
  }

  /** Writes chunks to a socket in order, after the slow network's delay when the connection is slow. */
  private pipe(to: Socket, slow: boolean): (chunk: Buffer) => void {
    if (!slow) return (chunk) => to.writable && to.write(chunk);
    let queue = Promise.resolve();
    return (chunk) => {
      queue = queue.then(async () => {
        await sleep(SLOW_LATENCY_MS + (1000 * chunk.length) / SLOW_BYTES_PER_SECOND);
        if (to.writable) to.write(chunk);
      });
    };
  }
}
