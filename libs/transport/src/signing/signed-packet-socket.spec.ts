import { afterEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createServer, Socket, type Server } from 'node:net';
import { PacketCodec } from './packet-codec.js';
import { PacketSigner } from './packet-signer.js';
import { signedPacketSocket } from './signed-packet-socket.js';

const codec = new PacketCodec(new PacketSigner({ current: randomBytes(32).toString('base64url') }));
const ServerSide = signedPacketSocket(codec, 'server', { maxFrameLength: 10_000_000 });
const ClientSide = signedPacketSocket(codec, 'client', { maxFrameLength: 10_000_000 });

let server: Server | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  sockets.splice(0).forEach((socket) => socket.destroy());
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A real loopback connection, each end speaking signed frames; the server collects the packets it reads. */
async function connectedPair(): Promise<{ client: InstanceType<typeof ClientSide>; received: Record<string, unknown>[] }> {
  const received: Record<string, unknown>[] = [];
  server = createServer((socket) => {
    sockets.push(socket);
    new ServerSide(socket).on('message', (packet: Record<string, unknown>) => received.push(packet));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const socket = new Socket();
  sockets.push(socket);
  await new Promise<void>((resolve) => socket.connect(port, '127.0.0.1', resolve));
  return { client: new ClientSide(socket), received };
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setImmediate(resolve));
}

describe('signedPacketSocket', () => {
  it('delivers every packet sent in one turn, in order, each verified, with its bytes', async () => {
    const { client, received } = await connectedPair();
    const photo = randomBytes(200_000);
    const packets = [
      { pattern: 'collector.field.get-worklist', data: { n: 1 }, id: 'p-1' },
      { pattern: 'media.photos.store', data: { sha256: 'ab', content: photo }, id: 'p-2' },
      { pattern: 'collector.field.get-worklist', data: { note: 'Jl. Kemang № 5' }, id: 'p-3' },
    ];
    const written: string[] = [];
    packets.forEach((packet) => client.sendMessage(packet, () => written.push(packet.id)));
    await until(() => received.length === packets.length);
    expect(received.map((packet) => packet.id)).toEqual(['p-1', 'p-2', 'p-3']);
    expect(received[0]).toEqual(packets[0]);
    expect(received[2]).toEqual(packets[2]);
    expect((received[1].data as { content: Buffer }).content.equals(photo)).toBe(true);
    await until(() => written.length === packets.length);
    expect(written).toEqual(['p-1', 'p-2', 'p-3']);
  });

  it('sends packets of later turns as they come', async () => {
    const { client, received } = await connectedPair();
    client.sendMessage({ pattern: 'ota.system.status', data: {}, id: 'first' });
    await until(() => received.length === 1);
    client.sendMessage({ pattern: 'ota.system.status', data: {}, id: 'second' });
    await until(() => received.length === 2);
    expect(received.map((packet) => packet.id)).toEqual(['first', 'second']);
  });
});
