import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '#libs/auth';
import { ConfigModule } from '#libs/config';
import { HttpEdgeModule } from '#libs/http';
import type { AppRuntime } from '#libs/runtime';
import { TransportModule } from '#libs/transport';
import { CatalogueModule } from './catalogue/catalogue.module.js';
import { DownloadsModule } from './downloads/downloads.module.js';
import { ReleasesModule } from './releases/releases.module.js';
import { SystemModule } from './system/system.module.js';
import { UpdatesModule } from './updates/updates.module.js';

/** App updates over the air: APK releases, the update decision, downloads. */
@Module({})
export class OtaModule {
  static forRoot(runtime: AppRuntime): DynamicModule {
    return {
      module: OtaModule,
      imports: [
        ConfigModule.forRoot(runtime.config),
        TransportModule.forClients(['database'], runtime.bus),
        HttpEdgeModule.forApp('ota'),
        AuthModule.forRoot(),
        SystemModule,
        CatalogueModule,
        UpdatesModule,
        ReleasesModule,
        DownloadsModule,
      ],
    };
  }
}
