import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch, type Dispatcher } from 'undici';
import { workspaceRoot } from '#libs/common';
import { launchApp, type AppProcess, type LaunchTarget } from '#libs/runtime';
import { freePorts } from './free-ports.js';
import { provisionDatabase, type TestDatabase, type TestEngine } from './test-database.js';

/** `split`: the five apps as five processes over TCP (`start:split`); `single`: the one-process root. */
export type SystemMode = 'split' | 'single';

export interface SystemOptions {
  mode: SystemMode;
  engine?: TestEngine;
  env?: Record<string, string>;
  /** The DATA_DIR to use (on a small file system of the test's, say) instead of a fresh temporary folder; removed at stop all the same. */
  dataDir?: string;
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
}

const SPLIT_ORDER: LaunchTarget[] = ['database', 'media', 'ota', 'collector', 'gateway'];

/**
 * The system under test: real processes started from the build, on free
 * ports, with a temporary DATA_DIR and a database of their own.
 */
export class RunningSystem {
  readonly processes = new Map<LaunchTarget, AppProcess>();
  readonly logs = new Map<LaunchTarget, string[]>();
  private readonly agents = new Map<string, Dispatcher>();

  constructor(
    readonly mode: SystemMode,
    readonly env: Record<string, string>,
    readonly dataDir: string,
    private readonly database: TestDatabase,
  ) {}

  get gatewayUrl(): string {
    return `https://127.0.0.1:${this.env.GATEWAY_PORT}`;
  }

  get otaUrl(): string {
    return `http://127.0.0.1:${this.env.OTA_PORT}`;
  }

  launch(target: LaunchTarget): AppProcess {
    const lines = this.logs.get(target) ?? [];
    this.logs.set(target, lines);
    const child = launchApp(target, {
      env: { ...process.env, ...this.env },
      onLine: (_target, line) => {
        lines.push(line);
        if (process.env.SYSTEM_LOGS) process.stdout.write(`[${target}] ${line}\n`);
      },
    });
    this.processes.set(target, child);
    return child;
  }

  process(target: LaunchTarget): AppProcess {
    const child = this.processes.get(target);
    if (!child) throw new Error(`${target} was not started`);
    return child;
  }

  /** Ends an app at once, as a crash would. */
  async kill(target: LaunchTarget): Promise<void> {
    await this.process(target).kill();
  }

  async restart(target: LaunchTarget): Promise<void> {
    await this.process(target).stop();
    this.launch(target);
  }

  /** Stops every app and starts them again on the same DATA_DIR and database, as after a reboot; waits until ready. */
  async restartAll(): Promise<void> {
    const targets = [...this.processes.keys()];
    await Promise.all(targets.map((target) => this.process(target).stop()));
    for (const target of targets) this.launch(target);
    await this.waitUntilReady();
  }

  /** Every log line an app printed, parsed. */
  logOf(target: LaunchTarget): Record<string, unknown>[] {
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
      const ca = readFileSync(join(this.dataDir, 'tls', 'gateway.crt'), 'utf8');
      agent = new Agent({ connect: { ca }, localAddress: from, keepAliveTimeout: 1000 });
      this.agents.set(from, agent);
    }
    return agent;
  }

  /** A request to the gateway over HTTPS. */
  async request<T = any>(path: string, options: RequestOptions = {}): Promise<HttpReply<T>> {
    return this.send<T>(`${this.gatewayUrl}${path}`, options, this.dispatcher(options.from));
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
    const response = await fetch(url, { method: options.method ?? 'GET', headers, body: body as any, dispatcher });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    const type = response.headers.get('content-type') ?? '';
    const parsed = type.includes('json') && text ? JSON.parse(text) : text;
    return { status: response.status, headers: response.headers as unknown as Headers, body: parsed as T, text, bytes };
  }

  /** Runs a built command (a path under dist/) with the system's environment, as an operator would from a shell. */
  runCommand(entry: string, args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [join(workspaceRoot(), 'dist', entry), ...args],
        { env: { ...process.env, ...this.env, ...env }, timeout: 60000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  /** Waits until `/health/ready` answers 200, or fails with the last answer. */
  async waitUntilReady(timeoutMs = 30000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      const exited = [...this.processes.values()].find((child) => !child.running);
      if (exited) throw new Error(`${exited.target} exited with code ${exited.child.exitCode}`);
      if (existsSync(join(this.dataDir, 'tls', 'gateway.crt'))) {
        try {
          const reply = await this.request('/health/ready');
          if (reply.status === 200) return;
          last = `${reply.status} ${reply.text}`;
        } catch (error) {
          last = String(error);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new Error(`system not ready after ${timeoutMs} ms: ${last}`);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((child) => child.stop()));
    await Promise.all([...this.agents.values()].map((agent) => agent.close()));
    await this.database.drop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

const START_ATTEMPTS = 3;

/**
 * Starts the system from the build (run `npm run build` first; `npm test` does) and waits until it is ready.
 * A free port can be taken by another process before an app binds it (tests run side by side); such a
 * start is retried on other ports.
 */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  for (let attempt = 1; ; attempt += 1) {
    const system = await launchSystem(options);
    try {
      await system.waitUntilReady();
      return system;
    } catch (error) {
      const portTaken = [...system.logs.values()].some((lines) => lines.some((line) => line.includes('EADDRINUSE')));
      const logs = [...system.logs].map(([target, lines]) => `--- ${target}\n${lines.slice(-15).join('\n')}`).join('\n');
      await system.stop();
      if (!portTaken || attempt === START_ATTEMPTS) throw new Error(`${(error as Error).message}\n${logs}`);
    }
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
    ...testDatabase.env,
    ...options.env,
  };
  const system = new RunningSystem(options.mode, env, dataDir, testDatabase);
  const targets = options.mode === 'split' ? SPLIT_ORDER : (['main'] as LaunchTarget[]);
  for (const target of targets) system.launch(target);
  return system;
}
