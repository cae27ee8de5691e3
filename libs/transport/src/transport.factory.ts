import { randomUUID } from 'node:crypto';
import { ClientTCP, NatsContext, type BaseRpcContext, type ClientProxy, type PacketMetadata, type Server } from '@nestjs/microservices';
import type { MsgHdrs } from '@nats-io/transport-node';
import type { AppConfig } from '#libs/config';
import type { ServiceName } from '#libs/contract';
import { currentRequestId, installationSecret, runWithRequestId } from '#libs/common';
import type { InprocBus } from './inproc/inproc.bus.js';
import { InprocClient } from './inproc/inproc.client.js';
import { InprocServer } from './inproc/inproc.server.js';
import { maxMessageLength } from './message-limits.js';
import { PlainPatternServerTcp } from './plain-patterns.js';
import { NatsClient } from './nats/nats.client.js';
import { NatsServer } from './nats/nats.server.js';
import { requestIdOf } from './nats/signed-nats.codec.js';
import { PacketCodec } from './signing/packet-codec.js';
import { PacketSigner } from './signing/packet-signer.js';
import { signedPacketSocket, type SocketSide } from './signing/signed-packet-socket.js';

/** Where a service listens for messages, and where its peers reach it. */
export function serviceAddress(service: ServiceName, config: AppConfig): { host: string; port: number } {
  const port = service === 'ota' ? config.ports.otaRpc : config.ports[service];
  return { host: config.serviceHosts[service], port };
}

function requireBus(bus: InprocBus | undefined): InprocBus {
  if (!bus) throw new Error('TRANSPORT=inproc runs only inside the one-process composition root');
  return bus;
}

// The concrete transports narrow the status and event types; the factory hands out the common base.
type AnyServer = Server<any, any>;
type AnyClient = ClientProxy<any, any>;

/**
 * Frames and signs every packet that leaves the process (TCP, NATS) with the internal key.
 * The in-process transport needs none: its packets never leave the process.
 */
function packetCodec(config: AppConfig): PacketCodec {
  const signer = new PacketSigner({
    current: config.internalKey ?? installationSecret(config.dataDir, 'internal'),
    previous: config.internalKeyPrevious,
  });
  return new PacketCodec(signer);
}

function signedFraming(config: AppConfig, side: SocketSide) {
  return signedPacketSocket(packetCodec(config), side, { maxFrameLength: maxMessageLength(config) });
}

type ContextWithMetadata = BaseRpcContext & { getMetadata?: () => PacketMetadata | undefined };

/** The caller's request id: in Nest's packet metadata on TCP and in-process, in a header on NATS. */
function callerRequestId(context: BaseRpcContext): string | undefined {
  if (context instanceof NatsContext) return requestIdOf({ headers: context.getHeaders() as MsgHdrs | undefined });
  return (context as ContextWithMetadata).getMetadata?.()?.requestId;
}

function transportServer(service: ServiceName, config: AppConfig, bus: InprocBus | undefined): AnyServer {
  switch (config.transport) {
    case 'inproc':
      return new InprocServer(requireBus(bus), service, maxMessageLength(config)) as AnyServer;
    case 'tcp':
      return new PlainPatternServerTcp({
        host: config.internalHost,
        port: serviceAddress(service, config).port,
        socketClass: signedFraming(config, 'server'),
      }) as AnyServer;
    case 'nats':
      return new NatsServer(service, config, packetCodec(config)) as AnyServer;
  }
}

/** The server a service answers messages on, carrying each caller's request id into the handler. */
export function createServer(service: ServiceName, config: AppConfig, bus?: InprocBus): AnyServer {
  const server = transportServer(service, config, bus);
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- Nest returns the hook's value to the handler's caller, which awaits it; the hook's type says void.
  server.setOnProcessingStartHook((_transport, context, done) => {
    const requestId = callerRequestId(context as BaseRpcContext) ?? randomUUID();
    return runWithRequestId(requestId, done, service);
  });
  return server;
}

function transportClient(service: ServiceName, config: AppConfig, bus: InprocBus | undefined): AnyClient {
  switch (config.transport) {
    case 'inproc':
      return new InprocClient(requireBus(bus), service, maxMessageLength(config)) as AnyClient;
    case 'tcp':
      return new ClientTCP({ ...serviceAddress(service, config), socketClass: signedFraming(config, 'client') }) as AnyClient;
    case 'nats':
      return new NatsClient(service, config, packetCodec(config)) as AnyClient;
  }
}

/** The client one service uses to reach another, stamping each packet with the request id. */
export function createClientProxy(service: ServiceName, config: AppConfig, bus?: InprocBus): AnyClient {
  const client = transportClient(service, config, bus);
  client.setOnDispatchHook((packet) => {
    const requestId = currentRequestId();
    if (requestId) packet.metadata = { requestId };
  });
  return client;
}
