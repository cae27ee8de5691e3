import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch, type Dispatcher } from 'undici';
import { APP_NAMES, type AppName } from '#libs/contract';
import { entryFileOf, launchApp, workspaceRoot, type AppProcess, type LaunchTarget, type ProcessExit } from '#libs/runtime';
import { freePorts } from './free-ports.js';
import { provisionDatabase, type TestDatabase, type TestEngine } from './test-database.js';
import { waitFor } from './wait-for.js';

/** `split`: the launcher of `npm run start:split` and its five apps over TCP; `single`: the one-process root. */
export type SystemMode = 'split' | 'single';

export interface SystemOptions {
  mode: SystemMode;
  engine?: TestEngine;
  env?: Record<string, string>;
  /** The DATA_DIR to use (on a small file system of the test's, say) instead of a fresh temporary folder; removed at stop all the same. */
  dataDir?: string;
  /** How long a start may take, for a system that loads much data first; START_TIMEOUT_MS when absent. */
  startTimeoutMs?: number;
}

export interface HttpReply<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
  /** The body as received, for images and other binary replies. */
  bytes: Buffer;
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RequestOptions {
  method?: string;
  token?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  /** The local address the request leaves from (any of 127.0.0.0/8 on this machine), as another client would. */
  from?: string;
  /** A gateway replica's port (see `startReplica`); the system's own gateway when not given. */
  gatewayPort?: number;
  /** Ends the request early, when the caller can wait only so long. */
  signal?: AbortSignal;
}

/** A process of the system as the operating system sees it. */
export interface SystemProcess {
  target: LaunchTarget;
  pid: number;
}

/** A line of output as `npm run start:split` prints it: its source in brackets, then the line. */
const PREFIXED_LINE = /^\[([a-z]+) *\] (.*)$/;

/**
 * The system under test: real processes started from the build, on free
 * ports, with a temporary DATA_DIR and a database of their own. In `split`
 * mode the one child is the launcher a user runs, and each app is found among
 * its children.
 */
export class RunningSystem {
  /** Every line printed, by its source: each app, and the launcher itself. */
  readonly logs = new Map<string, string[]>();
  private root: AppProcess | undefined;
  private readonly agents = new Map<string, Dispatcher>();
  private wasReady = false;
  /** Apps a test ended itself, by pid, and apps a test makes crash: the launcher's reports of them are expected. */
  private readonly endedByTest = new Set<number>();
  private readonly crashesExpected = new Set<AppName>();
  /** Processes started beside the system, as an operator adds replicas. */
  private readonly replicas: AppProcess[] = [];

  constructor(
    readonly mode: SystemMode,
    readonly env: Record<string, string>,
    readonly dataDir: string,
    private readonly database: TestDatabase,
  ) {}

  get gatewayUrl(): string {
    return `https://127.0.0.1:${this.env.GATEWAY_PORT}`;
  }

  /** The gateway's self-signed certificate, which clients of this system trust. */
  get gatewayCertificate(): string {
    return readFileSync(join(this.dataDir, 'tls', 'gateway.crt'), 'utf8');
  }

  get otaUrl(): string {
    return `http://127.0.0.1:${this.env.OTA_PORT}`;
  }

  /** Starts the root process: the launcher, or the one process. */
  launch(): void {
    this.root = launchApp(this.mode === 'split' ? 'launcher' : 'main', {
      env: { ...process.env, ...this.env },
      onLine: (target, line) => {
        const [, source, text] = PREFIXED_LINE.exec(line) ?? [undefined, target, line];
        this.record(source, text);
      },
    });
  }

  /**
   * Starts one more process of an app beside the system, as an operator adds a replica, with the system's
   * environment and `env` over it (another port, say). Its lines are kept under `<app>#<n>`; `stop` ends it.
   */
  startReplica(app: AppName, env: Record<string, string> = {}): AppProcess {
    const source = `${app}#${this.replicas.filter((replica) => replica.target === app).length + 2}`;
    const replica = launchApp(app, { env: { ...process.env, ...this.env, ...env }, onLine: (_target, line) => this.record(source, line) });
    this.replicas.push(replica);
    return replica;
  }

  private record(source: string, line: string): void {
    const lines = this.logs.get(source) ?? [];
    lines.push(line);
    this.logs.set(source, lines);
    if (process.env.SYSTEM_LOGS) process.stdout.write(`[${source}] ${line}\n`);
  }

  /** How the root process ended, once it has. */
  get exited(): Promise<ProcessExit> {
    return this.rootProcess().exited;
  }

  /** The root process, or an app of the launcher as it runs now; fails when it is not running. */
  process(target: LaunchTarget): SystemProcess {
    const root = this.rootProcess();
    if (target === root.target) return { target, pid: root.pid! };
    const pid = this.appPids().get(target as AppName);
    if (pid === undefined) throw new Error(`${target} is not running`);
    return { target, pid };
  }

  /** Ends an app at once, as a crash would, and returns once the launcher has reported its end. */
  async kill(target: AppName): Promise<void> {
    await this.signalApp(target, 'SIGKILL');
  }

  /** Stops an app cleanly (SIGTERM, as an operator does for maintenance): the launcher leaves it stopped. */
  async stopApp(target: AppName): Promise<void> {
    await this.signalApp(target, 'SIGTERM');
  }

  /** Asks the launcher to start every app that is not running (SIGUSR2), and returns once it reports each started. */
  async startStoppedApps(): Promise<void> {
    const running = this.appPids();
    const stopped = APP_NAMES.filter((app) => !running.has(app));
    const startsBefore = this.launcherEvents('started').length;
    process.kill(this.process('launcher').pid, 'SIGUSR2');
    const notStarted = () => {
      const started = this.launcherEvents('started')
        .slice(startsBefore)
        .map((line) => line.child.app);
      return stopped.filter((app) => !started.includes(app));
    };
    const missing = await waitFor(
      () => notStarted(),
      (apps) => apps.length === 0,
    );
    if (missing.length > 0) throw new Error(`the launcher did not start ${missing.join(', ')}`);
  }

  /** A clean restart of one app: stopped, then started again by the launcher. */
  async restart(target: AppName): Promise<void> {
    await this.stopApp(target);
    await this.startStoppedApps();
  }

  /** Stops every app and starts them again on the same DATA_DIR and database, as after a reboot; waits until ready. */
  async restartAll(): Promise<void> {
    await this.rootProcess().stop(LAUNCHER_GRACE_MS);
    this.launch();
    await this.waitUntilReady();
  }

  /** The launcher's own report lines, parsed; those of one kind when `event` is given. */
  launcherEvents(event?: string): Record<string, any>[] {
    return this.logOf('launcher').filter((line) => event === undefined || line.event === event);
  }

  /** Says that the test makes an app crash by other means than `kill`, so that `stop` does not count those crashes. */
  expectCrashes(target: AppName): void {
    this.crashesExpected.add(target);
  }

  /** Signals an app and waits until the launcher reports how it ended (or has ended itself). */
  private async signalApp(target: AppName, signal: NodeJS.Signals): Promise<void> {
    const { pid } = this.process(target);
    this.endedByTest.add(pid);
    process.kill(pid, signal);
    const reported = () => this.launcherEvents().some((line) => line.child?.pid === pid && line.event !== 'started');
    const seen = await waitFor(() => reported() || !this.rootProcess().running, Boolean);
    if (!seen) throw new Error(`the launcher did not report the end of ${target} (pid ${pid}) after ${signal}`);
  }

  /** The launcher's children by the app each runs, read from /proc; an ended child is not listed. */
  private appPids(): Map<AppName, number> {
    const launcher = this.rootProcess();
    if (launcher.target !== 'launcher') throw new Error('only a system started by the launcher has apps of their own');
    const pids = new Map<AppName, number>();
    for (const pid of childrenOf(launcher.pid!)) {
      const argv = commandLineOf(pid);
      const app = APP_NAMES.find((name) => argv.includes(entryFileOf(name)));
      if (app) pids.set(app, pid);
    }
    return pids;
  }

  private rootProcess(): AppProcess {
    if (!this.root) throw new Error('the system was not launched');
    return this.root;
  }

  /** Every log line an app (or the launcher) printed, parsed. */
  logOf(target: string): Record<string, unknown>[] {
    return (this.logs.get(target) ?? []).flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }

  /** Trusts the gateway's own self-signed certificate, as a phone provisioned with it would. */
  private dispatcher(from = '127.0.0.1'): Dispatcher {
    let agent = this.agents.get(from);
    if (!agent) {
      agent = new Agent({ connect: { ca: this.gatewayCertificate }, localAddress: from, keepAliveTimeout: 1000 });
      this.agents.set(from, agent);
    }
    return agent;
  }

  /** A request to the gateway over HTTPS. */
  async request<T = any>(path: string, options: RequestOptions = {}): Promise<HttpReply<T>> {
    const base = options.gatewayPort ? `https://127.0.0.1:${options.gatewayPort}` : this.gatewayUrl;
    return this.send<T>(`${base}${path}`, options, this.dispatcher(options.from));
  }

  /** A request to the ota app's public HTTP port. */
  async otaRequest<T = any>(path: string, options: RequestOptions = {}): Promise<HttpReply<T>> {
    return this.send<T>(`${this.otaUrl}${path}`, options);
  }

  private async send<T>(url: string, options: RequestOptions, dispatcher?: Dispatcher): Promise<HttpReply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body = options.body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await fetch(url, { method: options.method ?? 'GET', headers, body: body as any, dispatcher, signal: options.signal });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    const type = response.headers.get('content-type') ?? '';
    const parsed = type.includes('json') && text ? JSON.parse(text) : text;
    return { status: response.status, headers: response.headers as unknown as Headers, body: parsed as T, text, bytes };
  }

  /**
   * Runs a built command (a path under dist/) with the system's environment, as an operator would from a shell;
   * killed after `timeoutMs` (a minute unless a benchmark's command is known to take longer).
   */
  runCommand(entry: string, args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<CommandResult> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [join(workspaceRoot(), 'dist', entry), ...args],
        { env: { ...process.env, ...this.env, ...env }, timeout: timeoutMs },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  /**
   * Waits until `/health/ready` answers 200, or fails with the last answer; fails
   * at once when the root process ends, or, until the first time ready, when an app crashes.
   */
  async waitUntilReady(timeoutMs = READY_DEADLINE_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      const failure = this.neverReadyReason();
      if (failure) throw new Error(failure);
      if (existsSync(join(this.dataDir, 'tls', 'gateway.crt'))) {
        try {
          // A gateway too busy to answer must not hold the wait past its deadline.
          const reply = await this.request('/health/ready', { signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) });
          if (reply.status === 200) {
            this.wasReady = true;
            return;
          }
          last = `${reply.status} ${reply.text}`;
        } catch (error) {
          last = String(error);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new Error(`${NOT_READY} after ${timeoutMs} ms: ${last}`);
  }

  private neverReadyReason(): string | undefined {
    const root = this.rootProcess();
    if (!root.running) return `${root.target} exited with code ${root.child.exitCode ?? root.child.signalCode}`;
    const crash = this.wasReady ? undefined : this.launcherEvents('crashed')[0];
    return crash && `${crash.child.app} crashed while the system started: ${crash.msg}`;
  }

  /**
   * Stops the system. An app that crashed on its own after the start would only show as a passing 503 now
   * that the launcher restarts it, so such a crash fails the test here, naming it.
   */
  async stop(): Promise<void> {
    const crashes = this.wasReady ? this.crashesNoTestCaused() : [];
    await Promise.all(this.replicas.map((replica) => replica.stop(LAUNCHER_GRACE_MS)));
    await this.root?.stop(LAUNCHER_GRACE_MS);
    await Promise.all([...this.agents.values()].map((agent) => agent.close()));
    await this.database.drop();
    rmSync(this.dataDir, { recursive: true, force: true });
    if (crashes.length > 0) throw new Error(`apps crashed while the tests ran:\n${crashes.join('\n')}`);
  }

  private crashesNoTestCaused(): string[] {
    return this.launcherEvents()
      .filter((line) => line.event === 'crashed' || line.event === 'gave-up')
      .filter((line) => !this.endedByTest.has(line.child.pid) && !this.crashesExpected.has(line.child.app))
      .map((line) => line.msg);
  }
}

/** How a readiness wait that ran out of time says so. */
const NOT_READY = 'system not ready';

/** Longer than the launcher's own grace period for its apps, so that it is never killed before them. */
const LAUNCHER_GRACE_MS = 20000;

/**
 * A start takes seconds on an idle machine; on a shared 2-core one running two test workers beside other
 * suites, importing the apps alone has taken twenty, and five processes starting at once take longer still.
 */
const READY_DEADLINE_MS = 90000;
/** A port taken between its choice and its bind, or a start that hangs, is worth a fresh start; a few at most. */
const START_ATTEMPTS = 3;

/**
 * What the hook that starts a system is given: every attempt its full deadline and the stop of the
 * system that failed it. Pass it to `beforeAll`, whose default (the test timeout) would end the retries early.
 */
export const SYSTEM_START_TIMEOUT_MS = START_ATTEMPTS * (READY_DEADLINE_MS + LAUNCHER_GRACE_MS);

/** Why a start failed, and whether a fresh one on other ports may succeed where this one did not. */
interface FailedStart {
  reason: string;
  retriable: boolean;
}

/**
 * Starts the system from the build (run `npm run build` first; `npm test` does) and waits until it is ready.
 * Tests run side by side, so a free port can be taken by another process before an app binds it, and a
 * loaded machine can leave a start hanging; such a start is stopped and retried on other ports. An app
 * that exits or crashes for any other reason fails at once: starting again would fail the same way.
 */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  for (let attempt = 1; ; attempt += 1) {
    const system = await launchSystem(options);
    const failure = await readyOrFailure(system, options.startTimeoutMs);
    if (!failure) return system;
    const logs = [...system.logs].map(([target, lines]) => `--- ${target}\n${lines.slice(-15).join('\n')}`).join('\n');
    await system.stop();
    if (!failure.retriable || attempt === START_ATTEMPTS) {
      throw new Error(`${failure.reason} (start attempt ${attempt} of ${START_ATTEMPTS})\n${logs}`);
    }
  }
}

async function readyOrFailure(system: RunningSystem, timeoutMs?: number): Promise<FailedStart | undefined> {
  try {
    await system.waitUntilReady(timeoutMs);
    return undefined;
  } catch (error) {
    const reason = (error as Error).message;
    const portTaken = [...system.logs.values()].some((lines) => lines.some((line) => line.includes('EADDRINUSE')));
    return { reason, retriable: portTaken || reason.startsWith(NOT_READY) };
  }
}

async function launchSystem(options: SystemOptions): Promise<RunningSystem> {
  const [gateway, collector, database, media, ota, otaRpc] = await freePorts(6);
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mc-system-'));
  mkdirSync(dataDir, { recursive: true });
  const testDatabase = await provisionDatabase(options.engine ?? 'sqlite');
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    GATEWAY_PORT: String(gateway),
    COLLECTOR_PORT: String(collector),
    DATABASE_PORT: String(database),
    MEDIA_PORT: String(media),
    OTA_PORT: String(ota),
    OTA_RPC_PORT: String(otaRpc),
    INTERNAL_HOST: '127.0.0.1',
    TRANSPORT: options.mode === 'split' ? 'tcp' : 'inproc',
    RPC_TIMEOUT_MS: '5000',
    LOG_LEVEL: 'info',
    // The harness reads the apps' JSON lines, whatever the developer's shell asks for.
    LOG_FORMAT: 'json',
    ...testDatabase.env,
    ...options.env,
  };
  const system = new RunningSystem(options.mode, env, dataDir, testDatabase);
  system.launch();
  return system;
}

/** What /proc says of a process: nothing once it has ended (an ended child's command line is empty). */
function readProc(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

function childrenOf(pid: number): number[] {
  return readProc(pid, `task/${pid}/children`).split(' ').filter(Boolean).map(Number);
}

function commandLineOf(pid: number): string[] {
  return readProc(pid, 'cmdline').split('\0');
}
