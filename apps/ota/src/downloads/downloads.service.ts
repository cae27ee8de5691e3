import { Injectable } from '@nestjs/common';
import { DEFAULT_CHANNEL, type ReleaseRecord } from '#libs/contract';
import { ProblemError } from '#libs/common';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import { currentRelease } from '../updates/update-decision.js';

/** Finds the release a download URL stands for, from the cached catalogue. */
@Injectable()
export class DownloadsService {
  constructor(private readonly catalogue: CatalogueService) {}

  async current(): Promise<ReleaseRecord> {
    const release = currentRelease(await this.catalogue.current(), DEFAULT_CHANNEL);
    if (!release) throw ProblemError.notFound(`No ${DEFAULT_CHANNEL} release is offered to every phone yet`);
    return release;
  }

  async byVersion(channel: string, versionCode: number): Promise<ReleaseRecord> {
    const catalogue = await this.catalogue.current();
    const release = catalogue.releases.find((candidate) => candidate.channel === channel && candidate.versionCode === versionCode);
    if (!release) throw ProblemError.notFound(`The ${channel} channel has no release with versionCode ${versionCode}`);
    return release;
  }
}
