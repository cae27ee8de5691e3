import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ReleaseStore,
  type ChannelMinimumChange,
  type ChannelPolicy,
  type NewRelease,
  type ReleaseCatalogue,
  type ReleaseChanges,
  type ReleaseCountsFlush,
  type ReleaseRecord,
} from '#libs/contract';
import { Handles } from '#libs/transport';
import { ReleasesRepository } from './releases.repository.js';

@Controller()
export class ReleasesController {
  constructor(private readonly releases: ReleasesRepository) {}

  @Handles(ReleaseStore.publish)
  publish(@Payload() request: NewRelease): Promise<ReleaseRecord> {
    return this.releases.publish(request);
  }

  @Handles(ReleaseStore.catalogue)
  catalogue(): Promise<ReleaseCatalogue> {
    return this.releases.catalogue();
  }

  @Handles(ReleaseStore.change)
  change(@Payload() request: ReleaseChanges): Promise<ReleaseRecord> {
    return this.releases.change(request);
  }

  @Handles(ReleaseStore.setMinimum)
  setMinimum(@Payload() request: ChannelMinimumChange): Promise<ChannelPolicy> {
    return this.releases.setMinimum(request);
  }

  @Handles(ReleaseStore.addCounts)
  addCounts(@Payload() flush: ReleaseCountsFlush): Promise<{ updated: number }> {
    return this.releases.addCounts(flush);
  }
}
