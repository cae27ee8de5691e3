import { Logger } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { makeProblem } from '#libs/common';
import type { HttpLimits } from '#libs/config';

/** Node checks header and request deadlines every 30 s by default; checked every second, they fire when due. */
const DEADLINE_CHECK_INTERVAL_MS = 1000;

const logger = new Logger('http');

function hasBody(request: IncomingMessage): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

/** Answers 408 when nothing was answered yet (else the client just sees the connection close), then closes. */
function cutOff(app: string, request: IncomingMessage, response: ServerResponse, receivedBytes: number, elapsedMs: number): void {
  logger.warn({ msg: 'request body arrived too slowly; connection closed', app, method: request.method, path: request.url, receivedBytes, elapsedMs });
  if (response.headersSent) {
    request.socket.destroy();
    return;
  }
  const problem = makeProblem(408, 'request-too-slow', 'The request body arrived too slowly; send it again on a better connection');
  response.writeHead(408, { 'Content-Type': 'application/problem+json', Connection: 'close' });
  response.end(JSON.stringify(problem), () => request.socket.destroy());
}

/**
 * A body may take `bodyGraceMs` to get going; after that it must have averaged
 * `bodyMinBytesPerSecond`: each byte received extends its deadline. A phone on
 * a poor network that keeps sending gets as long as its photo needs; a client
 * that trickles a byte now and then is cut off after the grace period. Bytes
 * are read from the socket's counter, so watching never consumes the body.
 */
function watchBodyRate(app: string, limits: HttpLimits, request: IncomingMessage, response: ServerResponse): void {
  if (!hasBody(request)) return;
  const { socket } = request;
  const startedAt = Date.now();
  const bytesAtStart = socket.bytesRead;
  const check = (): void => {
    if (request.complete || socket.destroyed) return;
    const receivedBytes = socket.bytesRead - bytesAtStart;
    const deadline = startedAt + limits.bodyGraceMs + (receivedBytes * 1000) / limits.bodyMinBytesPerSecond;
    const now = Date.now();
    if (now < deadline) setTimeout(check, deadline - now + 1).unref();
    else cutOff(app, request, response, receivedBytes, now - startedAt);
  };
  setTimeout(check, limits.bodyGraceMs).unref();
}

/**
 * Explicit deadlines on a public server: headers, the whole request as a last
 * resort, idle keep-alive connections, and a minimum rate for bodies. `app`
 * names the server in its log lines (several share a process in one-process mode).
 */
export function applyServerTimeouts(app: string, server: Server, limits: HttpLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // Read when the server starts listening.
  Object.assign(server, { connectionsCheckingInterval: DEADLINE_CHECK_INTERVAL_MS });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => watchBodyRate(app, limits, request, response));
}
