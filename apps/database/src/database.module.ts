import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '#libs/config';
import type { AppRuntime } from '#libs/runtime';
import { AuditModule } from './audit/audit.module.js';
import { BatchesModule } from './batches/batches.module.js';
import { BranchesModule } from './branches/branches.module.js';
import { CoreOutboundModule } from './core/outbound/core-outbound.module.js';
import { DemoModule } from './demo/demo.module.js';
import { DevicesModule } from './devices/devices.module.js';
import { MonitoringModule } from './monitoring/monitoring.module.js';
import { PersistenceModule } from './persistence/persistence.module.js';
import { ReleasesModule } from './releases/releases.module.js';
import { ResultCodesModule } from './result-codes/result-codes.module.js';
import { SystemModule } from './system/system.module.js';
import { UsersModule } from './users/users.module.js';
import { VisitsModule } from './visits/visits.module.js';
import { WorklistsModule } from './worklists/worklists.module.js';

/** The only owner of the staging database: repositories, transactions, migrations. */
@Module({})
export class DatabaseModule {
  static forRoot(runtime: AppRuntime): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        ConfigModule.forRoot(runtime.config),
        PersistenceModule,
        SystemModule,
        UsersModule,
        DevicesModule,
        BatchesModule,
        WorklistsModule,
        VisitsModule,
        BranchesModule,
        ResultCodesModule,
        AuditModule,
        MonitoringModule,
        DemoModule,
        ReleasesModule,
        CoreOutboundModule,
      ],
    };
  }
}
