import { createHash } from 'node:crypto';
import { ProblemError } from '#libs/common';
import { DEFAULT_CHANNEL, MIN_ANDROID_SDK, type DecideUpdateRequest, type ReleaseCatalogue, type ReleaseRecord, type UpdateDecision } from '#libs/contract';

/** Where a phone downloads a release from. */
export type ReleaseUrl = (release: ReleaseRecord) => string;

export interface ChosenUpdate {
  decision: UpdateDecision;
  release: ReleaseRecord | null;
}

/**
 * Which release, if any, a phone should install:
 * - never a halted release, nor one whose minSdkVersion is above the phone's;
 * - the highest release the phone's rollout bucket reaches (mandatory releases
 *   and phones below the channel's minimum ignore the rollout percentage);
 * - mandatory when that release is, when a release it skips over is, or when
 *   the phone is below the minimum.
 */
export function chooseUpdate(catalogue: ReleaseCatalogue, request: DecideUpdateRequest, urlOf: ReleaseUrl): ChosenUpdate {
  if (request.sdkInt < MIN_ANDROID_SDK) {
    throw ProblemError.androidUnsupported(request.sdkInt, MIN_ANDROID_SDK);
  }
  const channel = request.channel ?? DEFAULT_CHANNEL;
  const minimum = catalogue.channels.find((policy) => policy.channel === channel)?.minVersionCode ?? null;
  const belowMinimum = minimum !== null && request.versionCode < minimum;
  const installable = catalogue.releases
    .filter((release) => release.channel === channel && !release.halted && release.versionCode > request.versionCode)
    .filter((release) => release.minSdkVersion <= request.sdkInt)
    .sort((a, b) => b.versionCode - a.versionCode);
  const release = installable.find((candidate) => candidate.mandatory || belowMinimum || inRollout(candidate, request.deviceId)) ?? null;
  if (!release) return { decision: { update: null, belowMinimum }, release: null };
  const skipsMandatory = installable.some((skipped) => skipped.versionCode < release.versionCode && skipped.mandatory);
  return {
    decision: {
      belowMinimum,
      update: {
        versionCode: release.versionCode,
        versionName: release.versionName,
        url: urlOf(release),
        sha256: release.sha256,
        size: release.size,
        mandatory: release.mandatory || skipsMandatory || belowMinimum,
        notes: release.notes,
      },
    },
    release,
  };
}

/**
 * A phone's place in a release's staged rollout: a stable bucket from 0 to
 * 9999 made from the device id and the release, so each phone gets the same
 * answer on every check and each release draws a different set of phones.
 */
export function rolloutBucket(release: Pick<ReleaseRecord, 'channel' | 'versionCode'>, deviceId: string): number {
  const digest = createHash('sha256').update(`${release.channel}:${release.versionCode}:${deviceId}`).digest();
  return digest.readUInt32BE(0) % 10000;
}

function inRollout(release: ReleaseRecord, deviceId: string): boolean {
  return rolloutBucket(release, deviceId) < release.rolloutPercent * 100;
}

/** The release a browser or a new phone gets at the channel's stable URL: the highest one offered to everyone. */
export function currentRelease(catalogue: ReleaseCatalogue, channel: string): ReleaseRecord | null {
  const offeredToAll = catalogue.releases.filter(
    (release) => release.channel === channel && !release.halted && (release.mandatory || release.rolloutPercent === 100),
  );
  return offeredToAll.sort((a, b) => b.versionCode - a.versionCode)[0] ?? null;
}
