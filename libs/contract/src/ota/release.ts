/** The channel phones follow unless told otherwise. */
export const DEFAULT_CHANNEL = 'production';

/** Android 6.0 (Marshmallow): the oldest Android the collection app runs on. */
export const MIN_ANDROID_SDK = 23;

/** One published APK of the collection app, as the catalogue keeps it. */
export interface ReleaseRecord {
  id: string;
  channel: string;
  packageName: string;
  versionCode: number;
  versionName: string;
  minSdkVersion: number;
  targetSdkVersion: number | null;
  sha256: string;
  size: number;
  /** SHA-256 of the DER signing certificate; Android refuses an update signed by another. */
  signerSha256: string;
  signerSubject: string;
  notes: string | null;
  mandatory: boolean;
  rolloutPercent: number;
  halted: boolean;
  /** The file's name under the ota app's release storage. */
  fileName: string;
  publishedAt: string;
  publishedBy: string;
  /** Update checks that were offered this release. */
  checks: number;
  /** Downloads of the whole file (a first range counts, later ranges of the same download do not). */
  downloads: number;
}

/** What a channel demands of the phones that follow it. */
export interface ChannelPolicy {
  channel: string;
  /** Phones below this versionCode must update before they may work; null when there is no floor. */
  minVersionCode: number | null;
  updatedAt: string;
}

/** Who made an admin change, for the audit trail. */
export interface ReleaseActor {
  userId: string;
  username: string;
}

export type NewRelease = Omit<ReleaseRecord, 'halted' | 'publishedAt' | 'publishedBy' | 'checks' | 'downloads'> & {
  actor: ReleaseActor;
};

export interface ReleaseChanges {
  id: string;
  rolloutPercent?: number;
  mandatory?: boolean;
  halted?: boolean;
  actor: ReleaseActor;
}

export interface ChannelMinimumChange {
  channel: string;
  minVersionCode: number | null;
  actor: ReleaseActor;
}

export interface ReleaseCounts {
  releaseId: string;
  checks: number;
  downloads: number;
}

/**
 * One batch of counts, sent again unchanged until it is confirmed: the
 * database adds a flush id's counts once, so a batch that was written but
 * whose answer was lost is not counted twice.
 */
export interface ReleaseCountsFlush {
  flushId: string;
  counts: ReleaseCounts[];
}

/** Every release and channel policy: the ota app keeps a copy to answer checks and downloads. */
export interface ReleaseCatalogue {
  releases: ReleaseRecord[];
  channels: ChannelPolicy[];
}

/** A phone asking whether it should update. */
export interface DecideUpdateRequest {
  versionCode: number;
  sdkInt: number;
  deviceId: string;
  channel?: string;
}

/** The release a phone should install. */
export interface UpdateOffer {
  versionCode: number;
  versionName: string;
  url: string;
  sha256: string;
  size: number;
  mandatory: boolean;
  notes: string | null;
}

/**
 * The update decision. `update` is null when the phone is current (or nothing
 * is offered to it yet); `belowMinimum` is true when the phone's version is
 * below the channel's minimum supported one and must not be used until updated.
 */
export interface UpdateDecision {
  update: UpdateOffer | null;
  belowMinimum: boolean;
}
