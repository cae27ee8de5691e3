import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ReleaseMessages,
  type ChannelMinimumChange,
  type ChannelPolicy,
  type NewRelease,
  type ReleaseCatalogue,
  type ReleaseChanges,
  type ReleaseCountsFlush,
  type ReleaseRecord,
} from '#libs/contract';
import { ReleasesRepository } from './releases.repository.js';

@Controller()
export class ReleasesController {
  constructor(private readonly releases: ReleasesRepository) {}

  @MessagePattern(ReleaseMessages.publish.pattern)
  publish(@Payload() request: NewRelease): Promise<ReleaseRecord> {
    return this.releases.publish(request);
  }

  @MessagePattern(ReleaseMessages.catalogue.pattern)
  catalogue(): Promise<ReleaseCatalogue> {
    return this.releases.catalogue();
  }

  @MessagePattern(ReleaseMessages.change.pattern)
  change(@Payload() request: ReleaseChanges): Promise<ReleaseRecord> {
    return this.releases.change(request);
  }

  @MessagePattern(ReleaseMessages.setMinimum.pattern)
  setMinimum(@Payload() request: ChannelMinimumChange): Promise<ChannelPolicy> {
    return this.releases.setMinimum(request);
  }

  @MessagePattern(ReleaseMessages.addCounts.pattern)
  addCounts(@Payload() flush: ReleaseCountsFlush): Promise<{ updated: number }> {
    return this.releases.addCounts(flush);
  }
}
