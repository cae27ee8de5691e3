import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '#libs/config';
import { HttpEdgeModule } from '#libs/http';
import type { AppRuntime } from '#libs/runtime';
import { SystemModule } from './system/system.module.js';

/** App updates over the air: APK releases, the update decision, downloads. */
@Module({})
export class OtaModule {
  static forRoot(runtime: AppRuntime): DynamicModule {
    return {
      module: OtaModule,
      imports: [ConfigModule.forRoot(runtime.config), HttpEdgeModule.forApp('ota'), SystemModule],
    };
  }
}
