import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, fetch, type Dispatcher } from 'undici';

export interface ClientOptions {
  url: string;
  insecure: boolean;
  dataDir: string;
}

interface CallOptions {
  json?: unknown;
  body?: NodeJS.ReadableStream;
  type?: string;
}

/** undici's fetch fails with a TypeError whose cause is the socket's error. */
function isConnectionReset(error: unknown): boolean {
  return error instanceof TypeError && (error.cause as { code?: unknown } | undefined)?.code === 'ECONNRESET';
}

/** A problem+json answer, shown as its status, code and detail. */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    body: string,
  ) {
    let detail = body;
    try {
      const problem = JSON.parse(body) as { code?: string; detail?: string };
      detail = `${problem.code ?? ''}: ${problem.detail ?? body}`;
    } catch {
      // not JSON: shown as it came
    }
    super(`${status} ${detail}`);
  }
}

/**
 * The public admin REST API as a command uses it: an admin's bearer token, and
 * the gateway's certificate trusted from DATA_DIR/tls (the self-signed one of a
 * development install), or not checked at all with --insecure.
 */
export class AdminClient {
  private readonly dispatcher: Dispatcher;
  private token: string | undefined;

  constructor(private readonly options: ClientOptions) {
    const certificate = join(options.dataDir, 'tls', 'gateway.crt');
    const ca = !options.insecure && existsSync(certificate) ? readFileSync(certificate, 'utf8') : undefined;
    this.dispatcher = new Agent({ connect: options.insecure ? { rejectUnauthorized: false } : { ca }, bodyTimeout: 0, headersTimeout: 0 });
  }

  async login(username: string, password: string): Promise<void> {
    const reply = await this.call<{ accessToken: string }>('POST', '/api/v1/auth/login', { json: { username, password } });
    this.token = reply.accessToken;
  }

  /**
   * A kept-alive connection the gateway closed as idle fails the next request sent on it with a reset before the
   * gateway reads it (a long core apply can hold the gateway's event loop past that moment): a read is sent once
   * more, on a new connection. A write is not, since its body stream is spent.
   */
  async call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    try {
      return await this.callOnce<T>(method, path, options);
    } catch (error) {
      if (method !== 'GET' || !isConnectionReset(error)) throw error;
      return this.callOnce<T>(method, path, options);
    }
  }

  private async callOnce<T>(method: string, path: string, options: CallOptions): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    if (options.type) headers['content-type'] = options.type;
    const response = await fetch(new URL(path, this.options.url), {
      method,
      headers,
      body: options.json !== undefined ? JSON.stringify(options.json) : (options.body as never),
      duplex: options.body ? 'half' : undefined,
      dispatcher: this.dispatcher,
    });
    const text = await response.text();
    if (!response.ok) throw new ApiRefusal(response.status, text);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}
