import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { HEAP_ALLOWANCE_FLOOR_FLAG } from '../heap-growth.js';
import { workspaceRoot } from '../workspace.js';
import type { AppName } from '#libs/contract';

/**
 * An app of the built workspace; `main`, the one-process composition root; or
 * `launcher`, the five-process launcher of `npm run start:split`.
 */
export type LaunchTarget = AppName | 'main' | 'launcher';

export interface LaunchOptions {
  env: NodeJS.ProcessEnv;
  /** Receives each line the process prints; defaults to stdout with an `[app]` prefix. */
  onLine?: (target: LaunchTarget, line: string) => void;
}

/** How a process ended: its exit code, or the signal that ended it. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One app running as its own OS process. */
export class AppProcess {
  readonly exited: Promise<ProcessExit>;

  constructor(
    readonly target: LaunchTarget,
    readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
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
  const compositionRoot = join(workspaceRoot(), 'dist', 'apps', 'main', 'src');
  if (target === 'main') return join(compositionRoot, 'main.js');
  if (target === 'launcher') return join(compositionRoot, 'split.js');
  return join(workspaceRoot(), 'dist', 'apps', target, 'src', 'main.js');
}

/** Prints a line as `npm run start:split` shows it: the source's name in brackets, padded so lines align. */
export function printWithPrefix(source: string, line: string): void {
  process.stdout.write(`[${source.padEnd(9)}] ${line}\n`);
}

/**
 * libuv's thread pool runs both file writes and photo decoding (sharp); with
 * its default of 4 threads, writes waiting on fsync leave decoding idle. Node
 * reads it once, before any of the app's code runs, so it is set here.
 */
const THREAD_POOL_SIZE = '16';

/** Starts the built entry of an app as a child process, forwarding its output line by line. */
export function launchApp(target: LaunchTarget, options: LaunchOptions): AppProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', HEAP_ALLOWANCE_FLOOR_FLAG, entryFileOf(target)], {
    env: { UV_THREADPOOL_SIZE: THREAD_POOL_SIZE, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onLine = options.onLine ?? printWithPrefix;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => onLine(target, line));
  }
  return new AppProcess(target, child);
}
