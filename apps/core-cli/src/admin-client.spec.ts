import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AdminClient } from './admin-client.js';

describe('AdminClient', () => {
  let server: Server | undefined;
  afterEach(() => new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined))));

  /** A gateway that resets the connection of the first request it gets and answers every later one. */
  async function resettingFirstRequest(seen: string[]): Promise<AdminClient> {
    server = createServer((request: IncomingMessage, response) => {
      seen.push(`${request.method} ${request.url}`);
      if (seen.length === 1) {
        request.socket.resetAndDestroy();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"applied"}');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new AdminClient({ url: `http://127.0.0.1:${port}`, insecure: false, dataDir: '/nonexistent' });
  }

  it('sends a read once more after a connection reset', async () => {
    const seen: string[] = [];
    const client = await resettingFirstRequest(seen);
    await expect(client.call('GET', '/api/v1/core/loads/l1')).resolves.toEqual({ status: 'applied' });
    expect(seen).toEqual(['GET /api/v1/core/loads/l1', 'GET /api/v1/core/loads/l1']);
    await client.close();
  });

  it('does not send a write again after a connection reset', async () => {
    const seen: string[] = [];
    const client = await resettingFirstRequest(seen);
    await expect(client.call('POST', '/api/v1/core/loads', { json: { kind: 'daily' } })).rejects.toThrow(TypeError);
    expect(seen).toEqual(['POST /api/v1/core/loads']);
    await client.close();
  });
});
