import { setTimeout as sleep } from 'node:timers/promises';
import type { AppName } from '#libs/contract';
import type { RunningSystem } from '../support/system-harness.js';

export interface ServiceKill {
  service: AppName;
  /** The share of the day's visits confirmed when it was killed. */
  atProgress: number;
  /** Seconds since the day began. */
  atSecond: number;
  /** Until the gateway's readiness answered 200 again, in ms; null when it never did before the end. */
  backAfterMs: number | null;
}

/** Readiness may take long to come back on a loaded machine: a restarted app imports Nest and opens its database. */
const RECOVERY_TIMEOUT_MS = 120_000;

/**
 * Kills services of a five-process system (SIGKILL, as a crash or the OOM
 * killer would) at random moments of the day, and times how long the
 * launcher takes to bring the system back to ready.
 */
export class ServiceChaos {
  readonly kills: ServiceKill[] = [];
  private readonly moments: { service: AppName; atProgress: number }[];
  private stopped = false;

  constructor(
    private readonly system: RunningSystem,
    services: AppName[],
  ) {
    // Between a tenth and four fifths of the day: the phones are busy on both sides of each kill.
    this.moments = services.map((service) => ({ service, atProgress: 0.1 + Math.random() * 0.7 })).sort((a, b) => a.atProgress - b.atProgress);
  }

  /**
   * Plays the kills as the day's progress (0 to 1) passes each moment, without waiting for the
   * previous one to recover (on a short day two services may be down at once); resolves once
   * every kill has recovered, or when `stop` is called before the remaining moments come.
   */
  async run(progress: () => number, dayStarted: number): Promise<void> {
    const recoveries: Promise<void>[] = [];
    for (const moment of this.moments) {
      while (!this.stopped && progress() < moment.atProgress) await sleep(100);
      if (this.stopped) break;
      const kill: ServiceKill = {
        service: moment.service,
        atProgress: progress(),
        atSecond: Math.round((performance.now() - dayStarted) / 1000),
        backAfterMs: null,
      };
      this.kills.push(kill);
      const killed = performance.now();
      await this.system.kill(moment.service);
      recoveries.push(
        this.system.waitUntilReady(RECOVERY_TIMEOUT_MS).then(
          () => void (kill.backAfterMs = Math.round(performance.now() - killed)),
          () => undefined,
        ),
      );
    }
    await Promise.all(recoveries);
  }

  stop(): void {
    this.stopped = true;
  }
}
