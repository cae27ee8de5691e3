import { Global, Module } from '@nestjs/common';
import { CatalogueService } from './catalogue.service.js';
import { ReleaseCounters } from './release-counters.service.js';

/** The release catalogue as the ota app sees it: a cached copy and the counters it feeds. */
@Global()
@Module({
  providers: [CatalogueService, ReleaseCounters],
  exports: [CatalogueService, ReleaseCounters],
})
export class CatalogueModule {}
