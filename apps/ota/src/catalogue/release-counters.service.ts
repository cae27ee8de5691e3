import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ReleaseStore, type ReleaseCounts } from '#libs/contract';
import { MessageClient } from '#libs/transport';

const FLUSH_INTERVAL_MS = 5000;

/**
 * Counts update checks and downloads per release in memory and adds them to
 * the catalogue in batches. Counts that could not be written are kept for the
 * next batch; the last batch is written when the app stops.
 */
@Injectable()
export class ReleaseCounters implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReleaseCounters.name);
  private pending = new Map<string, ReleaseCounts>();
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

  /** Counts gathered here and not yet written. */
  unwritten(releaseId: string): { checks: number; downloads: number } {
    const entry = this.pending.get(releaseId);
    return { checks: entry?.checks ?? 0, downloads: entry?.downloads ?? 0 };
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    try {
      await this.messages.send(ReleaseStore.addCounts, { counts: batch });
    } catch (error) {
      this.logger.warn({ err: error, releases: batch.length }, 'could not write release counters; keeping them for the next batch');
      for (const counts of batch) {
        const entry = this.entryOf(counts.releaseId);
        entry.checks += counts.checks;
        entry.downloads += counts.downloads;
      }
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
