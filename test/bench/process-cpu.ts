import { readFileSync } from 'node:fs';
import { APP_NAMES, type AppName } from '#libs/contract';
import type { RunningSystem } from '../support/system-harness.js';

/** Clock ticks per second of /proc/<pid>/stat on Linux. */
const TICKS_PER_SECOND = 100;
const SAMPLE_EVERY_MS = 2000;

/**
 * CPU time each app of a five-process system spends, read from /proc every
 * two seconds; an app killed and restarted counts with every pid it had (up to
 * its last sample), so the figures show where the machine's cores went.
 */
export class AppCpuMeter {
  private readonly ticks = new Map<number, { app: AppName; base: number; last: number }>();
  private timer: NodeJS.Timeout | undefined;
  private started = 0;

  constructor(private readonly system: RunningSystem) {}

  start(): void {
    this.started = performance.now();
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_EVERY_MS);
  }

  /** Stops sampling; per app, its CPU time as a share of one core over the measured time. */
  stop(): Record<AppName, number> {
    this.sample();
    clearInterval(this.timer);
    const seconds = (performance.now() - this.started) / 1000;
    const shares = Object.fromEntries(APP_NAMES.map((app) => [app, 0])) as Record<AppName, number>;
    for (const { app, base, last } of this.ticks.values()) shares[app] += (last - base) / TICKS_PER_SECOND / seconds;
    return shares;
  }

  private sample(): void {
    for (const app of APP_NAMES) {
      try {
        const { pid } = this.system.process(app);
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name.
        const ticks = Number(fields[11]) + Number(fields[12]);
        // A pid running when the meter starts counts from then; one the launcher started later, from its birth.
        const base = this.ticks.get(pid)?.base ?? (this.timer ? 0 : ticks);
        this.ticks.set(pid, { app, base, last: ticks });
      } catch {
        // Killed a moment ago: its last sample stands until the launcher starts it again.
      }
    }
  }
}
