import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '#libs/auth';
import { ConfigModule } from '#libs/config';
import { HttpEdgeModule } from '#libs/http';
import type { AppRuntime } from '#libs/runtime';
import { TransportModule } from '#libs/transport';
import { MediaModule } from './media/media.module.js';
import { SystemModule } from './system/system.module.js';

/** The public HTTPS API of phones and web monitoring. */
@Module({})
export class GatewayModule {
  static forRoot(runtime: AppRuntime): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forRoot(runtime.config),
        TransportModule.forClients(['collector', 'media', 'ota'], runtime.bus),
        HttpEdgeModule,
        AuthModule.forRoot(),
        SystemModule,
        MediaModule,
      ],
    };
  }
}
