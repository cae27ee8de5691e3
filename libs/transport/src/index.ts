export { InprocBus } from './inproc/inproc.bus.js';
export { maxMessageLength } from './message-limits.js';
export { Handles, type HandlerOf } from './handles.decorator.js';
export { MessageClient, type SendOptions } from './message.client.js';
export { RpcAccessLogInterceptor } from './rpc-access-log.interceptor.js';
export { RpcProblemFilter } from './rpc-problem.filter.js';
export { PacketSigner } from './signing/packet-signer.js';
export { createServer, createClientProxy, serviceAddress } from './transport.factory.js';
export { TransportModule } from './transport.module.js';
