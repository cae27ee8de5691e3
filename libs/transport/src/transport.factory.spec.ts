import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Controller, type INestMicroservice } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { connect, createServer as createNetServer, type Server } from 'node:net';
import { createLogger, currentRequestId, ProblemError, runWithRequestId } from '#libs/common';
import { loadConfig, type AppConfig } from '#libs/config';
import { defineMessage } from '#libs/contract';
import { Handles } from './handles.decorator.js';
import { InprocBus } from './inproc/inproc.bus.js';
import { MessageClient } from './message.client.js';
import { problemOf } from '../../../test/support/problems.js';
import { RpcProblemFilter } from './rpc-problem.filter.js';
import { PacketSigner } from './signing/packet-signer.js';
import { createClientProxy, createServer } from './transport.factory.js';

interface EchoRequest {
  text: string;
  when: Date | string;
}

const Echo = defineMessage<EchoRequest, { text: string; whenType: string; requestId?: string }>('collector', 'test.echo');
const Refuse = defineMessage<Record<string, never>, never>('collector', 'test.refuse');
const Crash = defineMessage<Record<string, never>, never>('collector', 'test.crash');
const Stall = defineMessage<{ ms: number }, { done: true }>('collector', 'test.stall');
const Mirror = defineMessage<{ label: string; content: Buffer }, { label: string; content: Buffer; size: number }>('collector', 'test.mirror');

let echoed = 0;
let mirrored: Buffer | undefined;

@Controller()
class ProbeController {
  @Handles(Echo)
  echo(@Payload() request: EchoRequest) {
    echoed += 1;
    return { text: request.text, whenType: typeof request.when, requestId: currentRequestId() };
  }

  @Handles(Refuse)
  refuse(): never {
    throw ProblemError.conflict('username-taken', 'The username collector1 is taken', {
      errors: [{ field: 'username', message: 'already taken' }],
    });
  }

  @Handles(Crash)
  crash(): never {
    throw new Error('connection string postgres://secret@db leaked');
  }

  @Handles(Mirror)
  mirror(@Payload() request: { label: string; content: Buffer }) {
    mirrored = request.content;
    return { label: request.label, content: request.content, size: Buffer.isBuffer(request.content) ? request.content.length : -1 };
  }

  @Handles(Stall)
  async stall(@Payload() request: { ms: number }) {
    await new Promise((resolve) => setTimeout(resolve, request.ms));
    return { done: true as const };
  }
}

/** Writes raw bytes to a port and counts what comes back until the peer closes the connection. */
function rawExchange(port: number, bytes: string): Promise<{ received: number; closed: boolean }> {
  return new Promise((resolve) => {
    let received = 0;
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    socket.on('data', (chunk) => (received += chunk.length));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ received, closed: true }));
  });
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function randomKey(): string {
  return randomBytes(32).toString('base64url');
}

async function startProbeService(config: AppConfig, bus: InprocBus): Promise<INestMicroservice> {
  const moduleRef = await Test.createTestingModule({ controllers: [ProbeController] }).compile();
  const service = moduleRef.createNestMicroservice({ strategy: createServer('collector', config, bus), logger: false });
  service.useGlobalFilters(new RpcProblemFilter(createLogger('test', { logLevel: 'silent', logFormat: 'json' })));
  await service.listen();
  return service;
}

describe.each(['inproc', 'tcp'] as const)('the %s transport', (transport) => {
  let config: AppConfig;
  let bus: InprocBus;
  let service: INestMicroservice | undefined;
  let client: MessageClient;

  beforeEach(async () => {
    config = loadConfig({ TRANSPORT: transport, COLLECTOR_PORT: String(await freePort()), RPC_TIMEOUT_MS: '1000', INTERNAL_KEY: randomKey() });
    bus = new InprocBus();
    service = await startProbeService(config, bus);
    client = new MessageClient(new Map([['collector', createClientProxy('collector', config, bus)]]), config.rpcTimeoutMs);
  });

  afterEach(async () => {
    client.onApplicationShutdown();
    await service?.close();
  });

  it('delivers a JSON copy of the request and returns the reply', async () => {
    const reply = await client.send(Echo, { text: 'Rp 1.500.000', when: new Date('2026-11-28T08:00:00+07:00') });
    expect(reply.text).toBe('Rp 1.500.000');
    expect(reply.whenType).toBe('string');
  });

  it('carries the request id of the caller into the handler', async () => {
    const reply = await runWithRequestId('req-transport-0001', () => client.send(Echo, { text: 'x', when: 'now' }));
    expect(reply.requestId).toBe('req-transport-0001');
  });

  it('gives a fresh request id to a message sent outside any request', async () => {
    const reply = await client.send(Echo, { text: 'x', when: 'now' });
    expect(reply.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('brings a problem thrown by the handler back as the same problem', async () => {
    const error = await problemOf(client.send(Refuse, {}));
    expect(error.problem).toEqual({
      type: 'urn:mobile-collection:problem:username-taken',
      title: 'Conflict',
      status: 409,
      code: 'username-taken',
      detail: 'The username collector1 is taken',
      errors: [{ field: 'username', message: 'already taken' }],
    });
  });

  it('turns an unexpected handler failure into a 500 problem that hides its message', async () => {
    const error = await problemOf(client.send(Crash, {}));
    expect(error.problem.status).toBe(500);
    expect(error.problem.code).toBe('internal-error');
    expect(JSON.stringify(error.problem)).not.toContain('secret');
  });

  it('gives up on a handler slower than the deadline with a 503 problem', async () => {
    const error = await problemOf(client.send(Stall, { ms: 400 }, { timeoutMs: 150 }));
    expect(error.problem).toMatchObject({ status: 503, code: 'service-unavailable', service: 'collector', retryAfterSeconds: 5 });
    expect(error.problem.detail).toContain('did not answer within 150 ms');
  });

  it('reports a stopped service as unavailable, and reaches it again once it is back', async () => {
    await service!.close();
    service = undefined;
    const error = await problemOf(client.send(Echo, { text: 'x', when: 'now' }));
    expect(error.problem).toMatchObject({ status: 503, code: 'service-unavailable', service: 'collector' });

    service = await startProbeService(config, bus);
    const reply = await client.send(Echo, { text: 'back', when: 'now' });
    expect(reply.text).toBe('back');
  });

  it('carries a photo of MEDIA_MAX_BYTES both ways as bytes, and refuses a longer message without harm to the next', async () => {
    const photo = randomBytes(config.mediaMaxBytes);
    const reply = await client.send(Mirror, { label: 'Foto kunjungan №1', content: photo }, { timeoutMs: 10000 });
    expect(reply.label).toBe('Foto kunjungan №1');
    expect(reply.size).toBe(config.mediaMaxBytes);
    expect(Buffer.isBuffer(reply.content) && reply.content.equals(photo)).toBe(true);

    const oversized = randomBytes(config.mediaMaxBytes + 256 * 1024);
    const error = await problemOf(client.send(Mirror, { label: 'too long', content: oversized }, { timeoutMs: 10000 }));
    expect(error.problem).toMatchObject({ status: 503, service: 'collector' });

    const after = await client.send(Echo, { text: 'still here', when: 'now' });
    expect(after.text).toBe('still here');
  });

  it(transport === 'inproc' ? 'hands the bytes to the handler as they are, not a copy' : 'hands the handler a copy of the bytes', async () => {
    const photo = randomBytes(1000);
    await client.send(Mirror, { label: 'small', content: photo });
    expect(mirrored!.equals(photo)).toBe(true);
    expect(mirrored === photo).toBe(transport === 'inproc');
  });

  it('reports a missing peer through probe without throwing', async () => {
    await service!.close();
    service = undefined;
    const status = await client.probe(defineMessage('collector', 'system.get-status'));
    expect(status).toMatchObject({ service: 'collector', up: false });
  });
});

describe('the tcp transport between services of different keys', () => {
  let port: number;
  const services: INestMicroservice[] = [];
  const clients: MessageClient[] = [];
  let rogue: Server | undefined;

  const configWith = (keys: Record<string, string>) => loadConfig({ TRANSPORT: 'tcp', COLLECTOR_PORT: String(port), RPC_TIMEOUT_MS: '2000', ...keys });
  const serviceWith = async (keys: Record<string, string>) => {
    const service = await startProbeService(configWith(keys), new InprocBus());
    services.push(service);
    return service;
  };
  const clientWith = (keys: Record<string, string>) => {
    const config = configWith(keys);
    const client = new MessageClient(new Map([['collector', createClientProxy('collector', config)]]), config.rpcTimeoutMs);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    port = await freePort();
    echoed = 0;
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.onApplicationShutdown();
    for (const service of services.splice(0)) await service.close();
    await new Promise((resolve) => (rogue ? rogue.close(resolve) : resolve(undefined)));
    rogue = undefined;
  });

  it('refuses a caller signing with another key before the handler runs, and keeps serving its own callers', async () => {
    const key = randomKey();
    await serviceWith({ INTERNAL_KEY: key });
    const error = await problemOf(clientWith({ INTERNAL_KEY: randomKey() }).send(Echo, { text: 'x', when: 'now' }));
    expect(error.problem).toMatchObject({ status: 503, code: 'service-unavailable', service: 'collector' });
    expect(error.problem.detail).toContain('Connection closed');
    expect(echoed).toBe(0);

    expect((await clientWith({ INTERNAL_KEY: key }).send(Echo, { text: 'own', when: 'now' })).text).toBe('own');
    expect(echoed).toBe(1);
  });

  it('believes no reply from a server signing with another key', async () => {
    const stranger = new PacketSigner({ current: randomKey() });
    rogue = createNetServer((socket) =>
      socket.once('data', (frame) => {
        const { id } = JSON.parse(String(frame).slice(String(frame).indexOf('#') + 1)) as { id: string };
        const reply = JSON.stringify(stranger.sign('reply', { response: { text: 'forged', whenType: 'string' }, isDisposed: true, id }));
        socket.write(`${reply.length}#${reply}`);
      }),
    );
    await new Promise<void>((resolve) => rogue!.listen(port, '127.0.0.1', resolve));
    const error = await problemOf(clientWith({ INTERNAL_KEY: randomKey() }).send(Echo, { text: 'x', when: 'now' }));
    expect(error.problem).toMatchObject({ status: 503, service: 'collector' });
    expect(JSON.stringify(error.problem)).not.toContain('forged');
  });

  it('closes the connection, answering nothing, on bytes that are no frame and on a frame announced longer than the cap', async () => {
    const key = randomKey();
    await serviceWith({ INTERNAL_KEY: key });
    expect(await rawExchange(port, 'GET / HTTP/1.1\r\nHost: collector\r\n\r\n')).toEqual({ received: 0, closed: true });
    expect(await rawExchange(port, `${100 * 1024 * 1024}#{"signature":`)).toEqual({ received: 0, closed: true });
    expect((await clientWith({ INTERNAL_KEY: key }).send(Echo, { text: 'still serving', when: 'now' })).text).toBe('still serving');
  });

  it('goes on answering through each step of a key rotation', async () => {
    const [oldKey, newKey] = [randomKey(), randomKey()];
    const steps: { server: Record<string, string>; client: Record<string, string> }[] = [
      { server: { INTERNAL_KEY: oldKey }, client: { INTERNAL_KEY: oldKey, INTERNAL_KEY_PREVIOUS: newKey } },
      { server: { INTERNAL_KEY: oldKey, INTERNAL_KEY_PREVIOUS: newKey }, client: { INTERNAL_KEY: newKey, INTERNAL_KEY_PREVIOUS: oldKey } },
      { server: { INTERNAL_KEY: newKey, INTERNAL_KEY_PREVIOUS: oldKey }, client: { INTERNAL_KEY: newKey } },
    ];
    for (const [index, step] of steps.entries()) {
      const service = await serviceWith(step.server);
      const reply = await clientWith(step.client).send(Echo, { text: `step ${index + 1}`, when: 'now' });
      expect(reply.text).toBe(`step ${index + 1}`);
      await service.close();
    }
  });
});
