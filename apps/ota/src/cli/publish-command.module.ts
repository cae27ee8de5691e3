import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, type AppConfig } from '#libs/config';
import { TransportModule } from '#libs/transport';
import { CatalogueModule } from '../catalogue/catalogue.module.js';
import { PublishingModule } from '../releases/publishing.module.js';

/** What the operator's publish command needs: the publishing service and its database client. */
@Module({})
export class PublishCommandModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PublishCommandModule,
      imports: [ConfigModule.forRoot(config), TransportModule.forClients(['database']), CatalogueModule, PublishingModule],
    };
  }
}
