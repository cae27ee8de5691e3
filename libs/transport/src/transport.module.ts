import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { AppConfig } from '#libs/config';
import type { ServiceName } from '#libs/contract';
import type { InprocBus } from './inproc/inproc.bus.js';
import { MessageClient } from './message.client.js';
import { createClientProxy } from './transport.factory.js';

/** Gives an app the `MessageClient` that reaches the services it depends on. */
@Global()
@Module({})
export class TransportModule {
  static forClients(services: readonly ServiceName[], bus?: InprocBus): DynamicModule {
    return {
      module: TransportModule,
      providers: [
        {
          provide: MessageClient,
          inject: [AppConfig],
          useFactory: async (config: AppConfig) => {
            const proxies = new Map<ServiceName, ClientProxy<any, any>>(services.map((service) => [service, createClientProxy(service, config, bus)]));
            // On a broker an app learns at start-up whether it can reach it and whether its messages fit (exit 78 otherwise).
            if (config.transport === 'nats') await Promise.all([...proxies.values()].map((proxy) => proxy.connect()));
            return new MessageClient(proxies, config.rpcTimeoutMs);
          },
        },
      ],
      exports: [MessageClient],
    };
  }
}
