import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { currentRequestId } from '#libs/common';
import type { ChannelPolicy, ReleaseActor, ReleaseRecord } from '#libs/contract';
import { AuditEntry, Release, ReleaseChannel } from '#libs/entities';

/** Queries of the release catalogue; every method runs in the caller's transaction. */
@Injectable()
export class ReleasesRepository {
  latestInChannel(manager: EntityManager, channel: string): Promise<Release | null> {
    return manager.findOne(Release, { where: { channel }, order: { versionCode: 'DESC' } });
  }

  findById(manager: EntityManager, id: string): Promise<Release | null> {
    return manager.findOneBy(Release, { id });
  }

  exists(manager: EntityManager, channel: string, versionCode: number): Promise<boolean> {
    return manager.existsBy(Release, { channel, versionCode });
  }

  /** The highest live (not halted) versionCode of a channel. */
  async highestLiveVersion(manager: EntityManager, channel: string): Promise<number | null> {
    const release = await manager.findOne(Release, { where: { channel, halted: false }, order: { versionCode: 'DESC' } });
    return release?.versionCode ?? null;
  }

  async insert(manager: EntityManager, release: Release): Promise<void> {
    await manager.insert(Release, release);
  }

  async save(manager: EntityManager, release: Release): Promise<Release> {
    return manager.save(Release, release);
  }

  allReleases(manager: EntityManager): Promise<Release[]> {
    return manager.find(Release, { order: { channel: 'ASC', versionCode: 'DESC' } });
  }

  allChannels(manager: EntityManager): Promise<ReleaseChannel[]> {
    return manager.find(ReleaseChannel, { order: { channel: 'ASC' } });
  }

  async saveChannel(manager: EntityManager, channel: ReleaseChannel): Promise<ReleaseChannel> {
    return manager.save(ReleaseChannel, channel);
  }

  /** Adds to the counters; returns whether the release still exists. */
  async addCounts(manager: EntityManager, id: string, checks: number, downloads: number): Promise<boolean> {
    if (!(await manager.existsBy(Release, { id }))) return false;
    if (checks > 0) await manager.increment(Release, { id }, 'checkCount', checks);
    if (downloads > 0) await manager.increment(Release, { id }, 'downloadCount', downloads);
    return true;
  }

  async audit(manager: EntityManager, actor: ReleaseActor, action: string, subjectId: string, details: object): Promise<void> {
    await manager.insert(AuditEntry, {
      occurredAt: new Date(),
      actorId: actor.userId,
      action,
      subjectType: 'release',
      subjectId,
      requestId: currentRequestId() ?? null,
      details: JSON.stringify({ by: actor.username, ...details }),
    });
  }
}

export function toReleaseRecord(release: Release): ReleaseRecord {
  return {
    id: release.id,
    channel: release.channel,
    packageName: release.packageName,
    versionCode: release.versionCode,
    versionName: release.versionName,
    minSdkVersion: release.minSdkVersion,
    targetSdkVersion: release.targetSdkVersion,
    sha256: release.sha256,
    size: release.size,
    signerSha256: release.signerSha256,
    signerSubject: release.signerSubject,
    notes: release.notes,
    mandatory: release.mandatory,
    rolloutPercent: release.rolloutPercent,
    halted: release.halted,
    fileName: release.fileName,
    publishedAt: new Date(release.publishedAt).toISOString(),
    publishedBy: release.publishedBy,
    checks: Number(release.checkCount),
    downloads: Number(release.downloadCount),
  };
}

export function toChannelPolicy(channel: ReleaseChannel): ChannelPolicy {
  return {
    channel: channel.channel,
    minVersionCode: channel.minVersionCode,
    updatedAt: new Date(channel.updatedAt).toISOString(),
  };
}
