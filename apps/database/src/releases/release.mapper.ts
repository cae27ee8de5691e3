import type { ChannelPolicy, ReleaseRecord } from '#libs/contract';
import type { Release, ReleaseChannel } from '#libs/entities';

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
