import { Injectable } from '@nestjs/common';
import { ProblemError } from '#libs/common';
import type {
  ChannelMinimumChange,
  ChannelPolicy,
  NewRelease,
  ReleaseCatalogue,
  ReleaseChanges,
  ReleaseCounts,
  ReleaseRecord,
} from '#libs/contract';
import { Release, ReleaseChannel } from '#libs/entities';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { ReleasesRepository, toChannelPolicy, toReleaseRecord } from './releases.repository.js';

/** The catalogue's rules: each change is one transaction with its audit entry. */
@Injectable()
export class ReleasesService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly releases: ReleasesRepository,
  ) {}

  async publish(request: NewRelease): Promise<ReleaseRecord> {
    const { actor, ...fields } = request;
    const insert = this.transactions.run(async (manager) => {
      const latest = await this.releases.latestInChannel(manager, fields.channel);
      if (latest && latest.signerSha256 !== fields.signerSha256) {
        throw ProblemError.conflict(
          'signer-changed',
          `The APK is signed by "${fields.signerSubject}" (SHA-256 ${fields.signerSha256}), but the ${fields.channel} channel's releases are signed by "${latest.signerSubject}" (SHA-256 ${latest.signerSha256}); Android would refuse this update on every phone`,
        );
      }
      if (latest && fields.versionCode <= latest.versionCode) {
        throw versionNotHigher(fields.channel, fields.versionCode, latest.versionCode);
      }
      const release = Object.assign(new Release(), {
        ...fields,
        halted: false,
        publishedAt: new Date(),
        publishedBy: actor.username,
        checkCount: 0,
        downloadCount: 0,
      });
      await this.releases.insert(manager, release);
      await this.releases.audit(manager, actor, 'release.published', release.id, {
        channel: release.channel,
        versionCode: release.versionCode,
        sha256: release.sha256,
      });
      return toReleaseRecord(release);
    });
    try {
      return await insert;
    } catch (error) {
      // Two publishes of one version can race past the check; the unique key keeps one of them.
      const raced = !(error instanceof ProblemError) && (await this.transactions.run((manager) => this.releases.exists(manager, fields.channel, fields.versionCode)));
      if (raced) throw versionNotHigher(fields.channel, fields.versionCode, fields.versionCode);
      throw error;
    }
  }

  async catalogue(): Promise<ReleaseCatalogue> {
    return this.transactions.run(async (manager) => ({
      releases: (await this.releases.allReleases(manager)).map(toReleaseRecord),
      channels: (await this.releases.allChannels(manager)).map(toChannelPolicy),
    }));
  }

  async change(request: ReleaseChanges): Promise<ReleaseRecord> {
    const { id, actor, ...changes } = request;
    return this.transactions.run(async (manager) => {
      const release = await this.releases.findById(manager, id);
      if (!release) throw ProblemError.notFound(`No release has the id ${id}`);
      const applied = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      Object.assign(release, applied);
      const saved = await this.releases.save(manager, release);
      await this.releases.audit(manager, actor, 'release.changed', id, applied);
      return toReleaseRecord(saved);
    });
  }

  async setMinimum(request: ChannelMinimumChange): Promise<ChannelPolicy> {
    const { channel, minVersionCode, actor } = request;
    return this.transactions.run(async (manager) => {
      if (minVersionCode !== null) {
        const highest = await this.releases.highestLiveVersion(manager, channel);
        if (highest === null || highest < minVersionCode) {
          throw ProblemError.conflict(
            'minimum-not-published',
            `No live release of the ${channel} channel reaches versionCode ${minVersionCode}${highest === null ? '' : ` (the highest is ${highest})`}; phones below the minimum would have nothing to update to`,
          );
        }
      }
      const saved = await this.releases.saveChannel(manager, Object.assign(new ReleaseChannel(), { channel, minVersionCode, updatedAt: new Date() }));
      await this.releases.audit(manager, actor, 'release-channel.minimum-set', channel, { minVersionCode });
      return toChannelPolicy(saved);
    });
  }

  async addCounts(counts: ReleaseCounts[]): Promise<{ updated: number }> {
    return this.transactions.run(async (manager) => {
      let updated = 0;
      for (const count of counts) {
        if (await this.releases.addCounts(manager, count.releaseId, count.checks, count.downloads)) updated += 1;
      }
      return { updated };
    });
  }
}

function versionNotHigher(channel: string, versionCode: number, latest: number): ProblemError {
  return ProblemError.conflict(
    'version-not-higher',
    `versionCode ${versionCode} is not higher than the ${channel} channel's latest release (${latest})`,
    { errors: [{ field: 'file', message: `versionCode must be above ${latest}` }] },
  );
}
