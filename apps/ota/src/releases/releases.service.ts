import { Injectable } from '@nestjs/common';
import { ReleaseStore, type ChannelPolicy, type ReleaseActor, type ReleaseRecord } from '#libs/contract';
import { MessageClient } from '#libs/transport';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import { ReleaseCounters } from '../catalogue/release-counters.service.js';
import { UpdatesService } from '../updates/updates.service.js';
import type { ChangeReleaseDto, ReleaseDto, ReleaseListDto } from './release.dto.js';

/** What admins see and change of the catalogue; each change is read back at once by checks and downloads. */
@Injectable()
export class ReleasesService {
  constructor(
    private readonly messages: MessageClient,
    private readonly catalogue: CatalogueService,
    private readonly counters: ReleaseCounters,
    private readonly updates: UpdatesService,
  ) {}

  async list(channel: string | undefined): Promise<ReleaseListDto> {
    const catalogue = await this.messages.send(ReleaseStore.catalogue, {});
    return {
      releases: catalogue.releases.filter((release) => !channel || release.channel === channel).map((release) => this.view(release)),
      channels: catalogue.channels.filter((policy) => !channel || policy.channel === channel),
    };
  }

  async change(id: string, changes: ChangeReleaseDto & { halted?: boolean }, actor: ReleaseActor): Promise<ReleaseDto> {
    const release = await this.messages.send(ReleaseStore.change, { id, ...changes, actor });
    this.catalogue.invalidate();
    return this.view(release);
  }

  async setMinimum(channel: string, minVersionCode: number | null, actor: ReleaseActor): Promise<ChannelPolicy> {
    const policy = await this.messages.send(ReleaseStore.setMinimum, { channel, minVersionCode, actor });
    this.catalogue.invalidate();
    return policy;
  }

  /** A release with its download URL and the counts this app has not written yet. */
  view(release: ReleaseRecord): ReleaseDto {
    const unwritten = this.counters.unwritten(release.id);
    return {
      ...release,
      checks: release.checks + unwritten.checks,
      downloads: release.downloads + unwritten.downloads,
      url: this.updates.urlOf(release),
    };
  }
}
