import { Injectable } from '@nestjs/common';
import { LessThan, type EntityManager } from 'typeorm';
import { ProblemError } from '#libs/common';
import type {
  ChannelMinimumChange,
  ChannelPolicy,
  NewRelease,
  ReleaseActor,
  ReleaseCatalogue,
  ReleaseChanges,
  ReleaseCountsFlush,
  ReleaseRecord,
} from '#libs/contract';
import { CounterFlush, Release, ReleaseChannel } from '#libs/entities';
import { recordAudit } from '../audit/audit-trail.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { insertUnique } from '../persistence/unique-violation.js';
import { toChannelPolicy, toReleaseRecord } from './release.mapper.js';

/** How long a flush id is remembered: the ota app retries an unconfirmed flush within seconds, not days. */
const FLUSH_REMEMBERED_MS = 7 * 24 * 60 * 60 * 1000;

/** The APK release catalogue: each change is one transaction with its audit entry. */
@Injectable()
export class ReleasesRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  publish(request: NewRelease): Promise<ReleaseRecord> {
    const { actor, ...fields } = request;
    return this.transactions.run(async (manager) => {
      const latest = await manager.findOne(Release, { where: { channel: fields.channel }, order: { versionCode: 'DESC' } });
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
      // Two publishes of one version can race past the check; the unique key keeps one of them.
      await insertUnique(manager.insert(Release, release), () => versionNotHigher(fields.channel, fields.versionCode, fields.versionCode));
      await audit(manager, actor, 'release.published', release.id, {
        channel: release.channel,
        versionCode: release.versionCode,
        sha256: release.sha256,
      });
      return toReleaseRecord(release);
    });
  }

  catalogue(): Promise<ReleaseCatalogue> {
    return this.transactions.read(async (manager) => ({
      releases: (await manager.find(Release, { order: { channel: 'ASC', versionCode: 'DESC' } })).map(toReleaseRecord),
      channels: (await manager.find(ReleaseChannel, { order: { channel: 'ASC' } })).map(toChannelPolicy),
    }));
  }

  change(request: ReleaseChanges): Promise<ReleaseRecord> {
    const { id, actor, ...changes } = request;
    return this.transactions.run(async (manager) => {
      const release = await manager.findOneBy(Release, { id });
      if (!release) throw ProblemError.notFound(`No release has the id ${id}`);
      const applied = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      Object.assign(release, applied);
      const saved = await manager.save(Release, release);
      await audit(manager, actor, 'release.changed', id, applied);
      return toReleaseRecord(saved);
    });
  }

  setMinimum(request: ChannelMinimumChange): Promise<ChannelPolicy> {
    const { channel, minVersionCode, actor } = request;
    return this.transactions.run(async (manager) => {
      if (minVersionCode !== null) {
        const highest = (await manager.findOne(Release, { where: { channel, halted: false }, order: { versionCode: 'DESC' } }))?.versionCode ?? null;
        if (highest === null || highest < minVersionCode) {
          throw ProblemError.conflict(
            'minimum-not-published',
            `No live release of the ${channel} channel reaches versionCode ${minVersionCode}${highest === null ? '' : ` (the highest is ${highest})`}; phones below the minimum would have nothing to update to`,
          );
        }
      }
      const saved = await manager.save(ReleaseChannel, Object.assign(new ReleaseChannel(), { channel, minVersionCode, updatedAt: new Date() }));
      await audit(manager, actor, 'release-channel.minimum-set', channel, { minVersionCode });
      return toChannelPolicy(saved);
    });
  }

  /**
   * Counts of releases deleted meanwhile are dropped; `updated` says how many
   * still existed. A flush id already added adds nothing: its first delivery
   * was written, and only the answer to it was lost.
   */
  addCounts(flush: ReleaseCountsFlush): Promise<{ updated: number }> {
    return this.transactions.run(async (manager) => {
      if (await manager.existsBy(CounterFlush, { id: flush.flushId })) return { updated: 0 };
      const now = new Date();
      await manager.insert(CounterFlush, { id: flush.flushId, appliedAt: now });
      await manager.delete(CounterFlush, { appliedAt: LessThan(new Date(now.getTime() - FLUSH_REMEMBERED_MS)) });
      let updated = 0;
      for (const { releaseId: id, checks, downloads } of flush.counts) {
        if (!(await manager.existsBy(Release, { id }))) continue;
        if (checks > 0) await manager.increment(Release, { id }, 'checkCount', checks);
        if (downloads > 0) await manager.increment(Release, { id }, 'downloadCount', downloads);
        updated += 1;
      }
      return { updated };
    });
  }
}

function audit(manager: EntityManager, actor: ReleaseActor, action: string, subjectId: string, details: Record<string, unknown>): Promise<void> {
  return recordAudit(manager, { actorId: actor.userId, action, subjectType: 'release', subjectId, details: { by: actor.username, ...details } });
}

function versionNotHigher(channel: string, versionCode: number, latest: number): ProblemError {
  return ProblemError.conflict('version-not-higher', `versionCode ${versionCode} is not higher than the ${channel} channel's latest release (${latest})`, {
    errors: [{ field: 'file', message: `versionCode must be above ${latest}` }],
  });
}
