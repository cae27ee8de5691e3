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
          useFactory: (config: AppConfig) => {
            const proxies = new Map<ServiceName, ClientProxy<any, any>>(services.map((service) => [service, createClientProxy(service, config, bus)]));
            return new MessageClient(proxies, config.rpcTimeoutMs);
          },
        },
      ],
      exports: [MessageClient],
    };
  }
}
