import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '#libs/config';
import type { AppRuntime } from '#libs/runtime';
import { TransportModule } from '#libs/transport';
import { AdminModule } from './admin/admin.module.js';
import { LoginModule } from './auth/login.module.js';
import { BatchModule } from './batch/batch.module.js';
import { CoreOutboundModule } from './core/outbound/core-outbound.module.js';
import { MonitoringModule } from './monitoring/monitoring.module.js';
import { SystemModule } from './system/system.module.js';
import { VisitsModule } from './visits/visits.module.js';
import { WorklistModule } from './worklist/worklist.module.js';

/** The collection business: login flow, worklists, visit sync, close batch, monitoring. */
@Module({})
export class CollectorModule {
  static forRoot(runtime: AppRuntime): DynamicModule {
    return {
      module: CollectorModule,
      imports: [
        ConfigModule.forRoot(runtime.config),
        TransportModule.forClients(['database', 'media'], runtime.bus),
        SystemModule,
        LoginModule,
        WorklistModule,
        VisitsModule,
        BatchModule,
        AdminModule,
        MonitoringModule,
        CoreOutboundModule,
      ],
    };
  }
}
