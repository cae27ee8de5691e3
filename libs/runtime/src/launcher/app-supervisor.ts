import type { AppProcess, LaunchTarget, ProcessExit } from './app-process.js';

/** When a crashed app is started again, and when the supervisor stops trying. */
export interface RestartPolicy {
  /** Wait before the first restart after a crash; each further crash doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A run at least this long was healthy: the crash that ends it waits the first delay again. */
  healthyAfterMs: number;
  /**
   * This many crashes in a row, none after a healthy run, mean the app cannot start (its port taken, its
   * database unreachable): the supervisor gives up on it. Counted in runs, not time, so that a slow machine,
   * where each failing start takes longer, gives up just the same.
   */
  maxFastCrashes: number;
}

export const RESTART_POLICY: RestartPolicy = {
  firstDelayMs: 500,
  maxDelayMs: 30_000,
  healthyAfterMs: 30_000,
  maxFastCrashes: 5,
};

/** What happened to a supervised app, for the launcher to report. */
export type SupervisionEvent =
  | { kind: 'started'; app: LaunchTarget; pid: number }
  | { kind: 'crashed'; app: LaunchTarget; pid: number; exit: ProcessExit; restartInMs: number }
  | { kind: 'gave-up'; app: LaunchTarget; pid: number; exit: ProcessExit; crashes: number }
  | { kind: 'exited-cleanly'; app: LaunchTarget; pid: number };

/**
 * `running`; `restarting`: crashed, waiting out its delay; `stopped`: stopped by
 * the launcher or ended cleanly (exit code 0, as an app does on SIGTERM);
 * `given-up`: crashed too often to try again by itself.
 */
export type SupervisedState = 'running' | 'restarting' | 'stopped' | 'given-up';

/**
 * Keeps one app running: a crash (a non-zero exit code or a signal) is
 * restarted after a delay that doubles with each crash, until the app has
 * crashed too many times in a row without a healthy run and is given up. An
 * app that exits cleanly was stopped on purpose and stays stopped.
 */
export class AppSupervisor {
  private current: AppProcess | undefined;
  private currentState: SupervisedState = 'stopped';
  private restartTimer: NodeJS.Timeout | undefined;
  private nextDelayMs: number;
  private fastCrashes = 0;

  constructor(
    readonly app: LaunchTarget,
    private readonly launch: () => AppProcess,
    private readonly report: (event: SupervisionEvent) => void,
    private readonly policy: RestartPolicy = RESTART_POLICY,
  ) {
    this.nextDelayMs = policy.firstDelayMs;
  }

  get state(): SupervisedState {
    return this.currentState;
  }

  get pid(): number | undefined {
    return this.current?.pid;
  }

  /** Starts a stopped or given-up app now, with a clean crash history; does nothing to one running or about to restart. */
  start(): void {
    if (this.currentState === 'running' || this.currentState === 'restarting') return;
    this.fastCrashes = 0;
    this.nextDelayMs = this.policy.firstDelayMs;
    this.run();
  }

  /** Stops the app (SIGTERM, then SIGKILL after the grace period) and cancels a pending restart. */
  async stop(): Promise<void> {
    clearTimeout(this.restartTimer);
    if (this.currentState !== 'given-up') this.currentState = 'stopped';
    await this.current?.stop();
  }

  private run(): void {
    const child = this.launch();
    const startedAt = Date.now();
    this.current = child;
    this.currentState = 'running';
    this.report({ kind: 'started', app: this.app, pid: child.pid! });
    void child.exited.then((exit) => this.ended(child, exit, Date.now() - startedAt));
  }

  private ended(child: AppProcess, exit: ProcessExit, ranMs: number): void {
    if (child !== this.current) return;
    this.current = undefined;
    if (this.currentState !== 'running') return;
    const pid = child.pid!;
    if (exit.code === 0) {
      this.currentState = 'stopped';
      this.report({ kind: 'exited-cleanly', app: this.app, pid });
      return;
    }
    if (ranMs >= this.policy.healthyAfterMs) {
      this.fastCrashes = 0;
      this.nextDelayMs = this.policy.firstDelayMs;
    } else {
      this.fastCrashes += 1;
    }
    if (this.fastCrashes >= this.policy.maxFastCrashes) {
      this.currentState = 'given-up';
      this.report({ kind: 'gave-up', app: this.app, pid, exit, crashes: this.fastCrashes });
      return;
    }
    const restartInMs = this.nextDelayMs;
    this.nextDelayMs = Math.min(restartInMs * 2, this.policy.maxDelayMs);
    this.currentState = 'restarting';
    this.restartTimer = setTimeout(() => this.run(), restartInMs);
    this.report({ kind: 'crashed', app: this.app, pid, exit, restartInMs });
  }
}
