import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ReleaseStore, type ReleaseCounts, type ReleaseCountsFlush } from '#libs/contract';
import { MessageClient } from '#libs/transport';

const FLUSH_INTERVAL_MS = 5000;

/**
 * Counts update checks and downloads per release in memory and adds them to
 * the catalogue in batches. A batch that could not be confirmed (the
 * database failed, or only its answer was lost to a timeout) is sent again
 * as it was, under the same flush id, so the database adds it exactly once;
 * counts gathered meanwhile go into the next batch. The last batches are
 * written when the app stops.
 */
@Injectable()
export class ReleaseCounters implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReleaseCounters.name);
  private pending = new Map<string, ReleaseCounts>();
  private unconfirmed: ReleaseCountsFlush[] = [];
  /** Flushes run one after another, so that a batch is confirmed and dropped once. */
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly messages: MessageClient) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS).unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  countCheck(releaseId: string): void {
    this.entryOf(releaseId).checks += 1;
  }

  countDownload(releaseId: string): void {
    this.entryOf(releaseId).downloads += 1;
  }

  /** Counts gathered here and not yet confirmed written. */
  unwritten(releaseId: string): { checks: number; downloads: number } {
    const entries = [this.pending.get(releaseId), ...this.unconfirmed.map((flush) => flush.counts.find((counts) => counts.releaseId === releaseId))];
    return {
      checks: entries.reduce((sum, entry) => sum + (entry?.checks ?? 0), 0),
      downloads: entries.reduce((sum, entry) => sum + (entry?.downloads ?? 0), 0),
    };
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.sendUnconfirmed());
    return this.flushing;
  }

  /** Sends the unconfirmed batches oldest first, stopping at the first that fails. */
  private async sendUnconfirmed(): Promise<void> {
    if (this.pending.size > 0) {
      this.unconfirmed.push({ flushId: randomUUID(), counts: [...this.pending.values()] });
      this.pending = new Map();
    }
    while (this.unconfirmed.length > 0) {
      const batch = this.unconfirmed[0];
      try {
        await this.messages.send(ReleaseStore.addCounts, batch);
      } catch (error) {
        this.logger.warn(
          { err: error, releases: batch.counts.length, flushId: batch.flushId },
          'could not write release counters; sending them again with the next batch',
        );
        return;
      }
      this.unconfirmed.shift();
    }
  }

  private entryOf(releaseId: string): ReleaseCounts {
    let entry = this.pending.get(releaseId);
    if (!entry) {
      entry = { releaseId, checks: 0, downloads: 0 };
      this.pending.set(releaseId, entry);
    }
    return entry;
  }
}
