import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { workspaceRoot } from '#libs/common';
import type { AppName } from '#libs/contract';

/** An app of the built workspace, or `main`, the one-process composition root. */
export type LaunchTarget = AppName | 'main';

export interface LaunchOptions {
  env: NodeJS.ProcessEnv;
  /** Receives each line the process prints; defaults to stdout with an `[app]` prefix. */
  onLine?: (target: LaunchTarget, line: string) => void;
}

/** One app running as its own OS process. */
export class AppProcess {
  readonly exited: Promise<number | null>;

  constructor(
    readonly target: LaunchTarget,
    readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Asks the process to stop, and kills it if it has not within the grace period. */
  async stop(graceMs = 10000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Ends the process at once, as a crash would. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

export function entryFileOf(target: LaunchTarget): string {
  return join(workspaceRoot(), 'dist', 'apps', target, 'src', 'main.js');
}

function printWithPrefix(target: LaunchTarget, line: string): void {
  process.stdout.write(`[${target.padEnd(9)}] ${line}\n`);
}

/**
 * libuv's thread pool runs both file writes and photo decoding (sharp); with
 * its default of 4 threads, writes waiting on fsync leave decoding idle. Node
 * reads it once, before any of the app's code runs, so it is set here.
 */
const THREAD_POOL_SIZE = '16';

/** Starts the built entry of an app as a child process, forwarding its output line by line. */
export function launchApp(target: LaunchTarget, options: LaunchOptions): AppProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', entryFileOf(target)], {
    env: { UV_THREADPOOL_SIZE: THREAD_POOL_SIZE, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onLine = options.onLine ?? printWithPrefix;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream! }).on('line', (line) => onLine(target, line));
  }
  return new AppProcess(target, child);
}
