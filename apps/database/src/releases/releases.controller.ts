import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ReleaseStore,
  type ChannelMinimumChange,
  type ChannelPolicy,
  type NewRelease,
  type ReleaseCatalogue,
  type ReleaseChanges,
  type ReleaseCounts,
  type ReleaseRecord,
} from '#libs/contract';
import { ReleasesRepository } from './releases.repository.js';

@Controller()
export class ReleasesController {
  constructor(private readonly releases: ReleasesRepository) {}

  @MessagePattern(ReleaseStore.publish.pattern)
  publish(@Payload() request: NewRelease): Promise<ReleaseRecord> {
    return this.releases.publish(request);
  }

  @MessagePattern(ReleaseStore.catalogue.pattern)
  catalogue(): Promise<ReleaseCatalogue> {
    return this.releases.catalogue();
  }

  @MessagePattern(ReleaseStore.change.pattern)
  change(@Payload() request: ReleaseChanges): Promise<ReleaseRecord> {
    return this.releases.change(request);
  }

  @MessagePattern(ReleaseStore.setMinimum.pattern)
  setMinimum(@Payload() request: ChannelMinimumChange): Promise<ChannelPolicy> {
    return this.releases.setMinimum(request);
  }

  @MessagePattern(ReleaseStore.addCounts.pattern)
  addCounts(@Payload() request: { counts: ReleaseCounts[] }): Promise<{ updated: number }> {
    return this.releases.addCounts(request.counts);
  }
}
