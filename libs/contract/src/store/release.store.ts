import type { EmptyRequest } from '../system/service-status.js';
import { defineMessage } from '../message.js';
import type { ChannelMinimumChange, ChannelPolicy, NewRelease, ReleaseCatalogue, ReleaseChanges, ReleaseCountsFlush, ReleaseRecord } from '../ota/release.js';

/** The release catalogue, kept by the database service for the ota app. */
export const ReleaseStore = {
  /**
   * Adds a release. Refused with 409 `signer-changed` when the channel's
   * earlier releases were signed with another certificate, and with 409
   * `version-not-higher` when versionCode is not above the channel's latest.
   */
  publish: defineMessage<NewRelease, ReleaseRecord>('database', 'releases.publish'),
  catalogue: defineMessage<EmptyRequest, ReleaseCatalogue>('database', 'releases.get-catalogue'),
  /** Changes rollout, mandatory or halted; 404 `not-found` for an unknown id. */
  change: defineMessage<ReleaseChanges, ReleaseRecord>('database', 'releases.change'),
  /** Sets a channel's minimum supported versionCode; 409 `minimum-not-published` when no live release reaches it. */
  setMinimum: defineMessage<ChannelMinimumChange, ChannelPolicy>('database', 'releases.set-minimum'),
  /** Adds check and download counts gathered by the ota app, once per flush id: `updated` is 0 for a flush already added. */
  addCounts: defineMessage<ReleaseCountsFlush, { updated: number }>('database', 'releases.add-counts'),
} as const;
