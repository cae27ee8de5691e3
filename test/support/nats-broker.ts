import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePorts } from './free-ports.js';

/** Debian's nats-server (`apt-get install nats-server`; `.ci/run` installs it). */
export const NATS_SERVER = '/usr/sbin/nats-server';

export interface BrokerOptions {
  /** nats-server's `max_payload`, as its configuration writes it (`16MB`); its default (1 MB) when absent. */
  maxPayload?: string;
  /** One user every service connects as. */
  user?: { name: string; password: string };
}

/** Why the NATS tests cannot run here, or undefined when they can. */
export function natsServerMissing(): string | undefined {
  return existsSync(NATS_SERVER) ? undefined : `${NATS_SERVER} is missing (apt-get install nats-server)`;
}

/** A nats-server of the test's own, on a free loopback port, that a test can stop and start again on that port. */
export class NatsBroker {
  private child: ChildProcess | undefined;
  readonly log: string[] = [];

  private constructor(
    readonly port: number,
    private readonly monitorPort: number,
    private readonly configFile: string,
    private readonly folder: string,
  ) {}

  static async start(options: BrokerOptions = {}): Promise<NatsBroker> {
    const [port, monitorPort] = await freePorts(2);
    const folder = mkdtempSync(join(tmpdir(), 'mc-nats-'));
    const lines = [`listen: 127.0.0.1:${port}`, `http: 127.0.0.1:${monitorPort}`];
    if (options.maxPayload) lines.push(`max_payload: ${options.maxPayload}`);
    if (options.user) lines.push(`authorization { users = [ { user: "${options.user.name}", password: "${options.user.password}" } ] }`);
    const configFile = join(folder, 'nats-server.conf');
    writeFileSync(configFile, `${lines.join('\n')}\n`);
    const broker = new NatsBroker(port, monitorPort, configFile, folder);
    await broker.resume();
    return broker;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the broker again on its port, and returns once it accepts clients. */
  async resume(): Promise<void> {
    const child = spawn(NATS_SERVER, ['-c', this.configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    const ready = new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stderr }).on('line', (line) => {
        this.log.push(line);
        if (line.includes('Server is ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`nats-server exited with ${code}:\n${this.log.join('\n')}`)));
    });
    await ready;
  }

  /** How many processes of a service listen on the broker now, from its monitoring port (servers name their connection `<service>@host:pid`). */
  async listeners(service: string): Promise<number> {
    const reply = await fetch(`http://127.0.0.1:${this.monitorPort}/connz?limit=1024`);
    const { connections } = (await reply.json()) as { connections: { name?: string; subscriptions: number }[] };
    return connections.filter((connection) => connection.name?.startsWith(`${service}@`) && connection.subscriptions > 0).length;
  }

  /** Ends the broker at once, as a crashed broker would end. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.folder, { recursive: true, force: true });
  }
}
