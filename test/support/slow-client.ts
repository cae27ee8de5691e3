import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

export interface TrickleOptions {
  /** `tls` for the gateway, `tcp` for the ota app. */
  protocol: 'tls' | 'tcp';
  port: number;
  /** Sent at once when the connection opens. */
  head?: string;
  /** Then sent `chunkSize` bytes every `everyMs`, until all is sent or the server closes. */
  trickle: string;
  chunkSize: number;
  everyMs: number;
  /** Give up waiting for the server after this long. */
  timeoutMs: number;
}

export interface TrickleOutcome {
  /** Whether the server closed the connection before `timeoutMs`. */
  closedByServer: boolean;
  elapsedMs: number;
  /** What the server answered, as text. */
  reply: string;
  sentBytes: number;
}

/** A client on a raw connection that sends its request a little at a time, as a slow network or a slowloris does. */
export function trickleRequest(options: TrickleOptions): Promise<TrickleOutcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    let reply = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const socket: Socket =
      options.protocol === 'tls'
        ? connectTls({ host: '127.0.0.1', port: options.port, rejectUnauthorized: false })
        : connectTcp({ host: '127.0.0.1', port: options.port });
    const finish = (closedByServer: boolean): void => {
      clearInterval(timer);
      clearTimeout(deadline);
      socket.destroy();
      resolve({ closedByServer, elapsedMs: Date.now() - started, reply, sentBytes: sent });
    };
    const deadline = setTimeout(() => finish(false), options.timeoutMs);
    socket.once(options.protocol === 'tls' ? 'secureConnect' : 'connect', () => {
      if (options.head) socket.write(options.head);
      timer = setInterval(() => {
        if (sent >= options.trickle.length || socket.destroyed) return;
        socket.write(options.trickle.slice(sent, sent + options.chunkSize));
        sent += options.chunkSize;
      }, options.everyMs);
    });
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => finish(true));
  });
}
