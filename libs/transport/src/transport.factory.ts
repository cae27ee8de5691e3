import { randomUUID } from 'node:crypto';
import { ClientTCP, ServerTCP, type BaseRpcContext, type ClientProxy, type PacketMetadata, type Server } from '@nestjs/microservices';
import type { AppConfig } from '#libs/config';
import type { ServiceName } from '#libs/contract';
import { currentRequestId, installationSecret, runWithRequestId } from '#libs/common';
import type { InprocBus } from './inproc/inproc.bus.js';
import { InprocClient } from './inproc/inproc.client.js';
import { InprocServer } from './inproc/inproc.server.js';
import { maxMessageLength } from './message-limits.js';
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
 * TCP framing that signs and verifies every packet with the internal key.
 * The in-process transport needs none: its packets never leave the process.
 */
function signedFraming(config: AppConfig, side: SocketSide) {
  const signer = new PacketSigner({
    current: config.internalKey ?? installationSecret(config.dataDir, 'internal'),
    previous: config.internalKeyPrevious,
  });
  return signedPacketSocket(new PacketCodec(signer), side, { maxFrameLength: maxMessageLength(config) });
}

type ContextWithMetadata = BaseRpcContext & { getMetadata?: () => PacketMetadata | undefined };

/** The server a service answers messages on, carrying each caller's request id into the handler. */
export function createServer(service: ServiceName, config: AppConfig, bus?: InprocBus): AnyServer {
  const server = (
    config.transport === 'inproc'
      ? new InprocServer(requireBus(bus), service, maxMessageLength(config))
      : new ServerTCP({ host: config.internalHost, port: serviceAddress(service, config).port, socketClass: signedFraming(config, 'server') })
  ) as AnyServer;
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- Nest returns the hook's value to the handler's caller, which awaits it; the hook's type says void.
  server.setOnProcessingStartHook((_transport, context, done) => {
    const requestId = (context as ContextWithMetadata).getMetadata?.()?.requestId ?? randomUUID();
    return runWithRequestId(requestId, done, service);
  });
  return server;
}

/** The client one service uses to reach another, stamping each packet with the request id. */
export function createClientProxy(service: ServiceName, config: AppConfig, bus?: InprocBus): AnyClient {
  const client = (
    config.transport === 'inproc'
      ? new InprocClient(requireBus(bus), service, maxMessageLength(config))
      : new ClientTCP({ ...serviceAddress(service, config), socketClass: signedFraming(config, 'client') })
  ) as AnyClient;
  client.setOnDispatchHook((packet) => {
    const requestId = currentRequestId();
    if (requestId) packet.metadata = { requestId };
  });
  return client;
}
