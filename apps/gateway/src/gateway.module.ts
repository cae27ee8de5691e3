import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '#libs/auth';
import { ConfigModule } from '#libs/config';
import { HttpEdgeModule } from '#libs/http';
import type { AppRuntime } from '#libs/runtime';
import { TransportModule } from '#libs/transport';
import { AdminModule } from './admin/admin.module.js';
import { BrandingModule } from './branding/branding.module.js';
import { CoreOutboundModule } from './core/outbound/core-outbound.module.js';
import { CoreModule } from './core/core.module.js';
import { LoginModule } from './auth/login.module.js';
import { FieldModule } from './field/field.module.js';
import { MonitoringModule } from './monitoring/monitoring.module.js';
import { MediaModule } from './media/media.module.js';
import { SystemModule } from './system/system.module.js';
import { WebModule } from './web/web.module.js';

/** The public HTTPS API of phones and web monitoring, and the web monitoring page itself. */
@Module({})
export class GatewayModule {
  static forRoot(runtime: AppRuntime): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forRoot(runtime.config),
        TransportModule.forClients(['collector', 'database', 'media', 'ota'], runtime.bus),
        HttpEdgeModule.forApp('gateway'),
        AuthModule.forRoot(),
        LoginModule,
        FieldModule,
        SystemModule,
        AdminModule,
        MonitoringModule,
        MediaModule,
        BrandingModule,
        CoreOutboundModule,
        CoreModule,
        WebModule,
      ],
    };
  }
}
