import { Injectable } from '@nestjs/common';
import { AppConfig } from '#libs/config';
import type { DecideUpdateRequest, ReleaseRecord, UpdateDecision } from '#libs/contract';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import { ReleaseCounters } from '../catalogue/release-counters.service.js';
import { chooseUpdate } from './update-decision.js';

/** The one update decision, for the phone's own check and for the gateway's login. */
@Injectable()
export class UpdatesService {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly counters: ReleaseCounters,
    private readonly config: AppConfig,
  ) {}

  async decide(request: DecideUpdateRequest): Promise<UpdateDecision> {
    const { decision, release } = chooseUpdate(await this.catalogue.current(), request, (offered) => this.urlOf(offered));
    if (release) this.counters.countCheck(release.id);
    return decision;
  }

  /** The immutable download URL of a release. */
  urlOf(release: Pick<ReleaseRecord, 'channel' | 'versionCode'>): string {
    return `${this.config.ota.publicUrl}/apk/coll/${release.channel}/${release.versionCode}.apk`;
  }
}
