import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request } from 'node:https';

export interface AdminApiOptions {
  /** The gateway's base URL: `https://localhost:7443`. */
  url: string;
  /** The certificate authority to trust (the self-signed gateway certificate), or none to trust the system's. */
  ca?: string;
  /** Accepts any certificate; for a test installation only. */
  insecure?: boolean;
}

export interface ApiFile {
  headers: IncomingHttpHeaders;
  bytes: Buffer;
}

interface ApiReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A refusal of the API, with its problem+json body. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`${status}: ${body}`);
  }
}

/**
 * The running system's public admin REST API, as a command-line client uses
 * it: HTTPS on kept-alive connections, logged in as an admin. The commands go
 * through the API so the database service stays the only owner of the database,
 * whether the system runs as one process or five.
 */
export class AdminApiClient {
  private readonly agent: Agent;
  private token: string | undefined;

  constructor(private readonly options: AdminApiOptions) {
    this.agent = new Agent({ keepAlive: true, ca: options.ca, rejectUnauthorized: !options.insecure });
  }

  async login(username: string, password: string): Promise<void> {
    const reply = await this.post<{ accessToken: string; user: { role: string } }>('/api/v1/auth/login', { username, password });
    if (reply.user.role !== 'admin') throw new Error(`${username} is not an admin`);
    this.token = reply.accessToken;
  }

  get<T>(path: string): Promise<T> {
    return this.json<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.json<T>('POST', path, body);
  }

  /** A file the API answers with (a CSV page), as the bytes received, with the reply's headers. */
  async file(path: string, type: string): Promise<ApiFile> {
    const { headers, body } = await this.send('GET', path, type);
    return { headers, bytes: body };
  }

  close(): void {
    this.agent.destroy();
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const reply = await this.send(method, path, 'application/json', body);
    try {
      return JSON.parse(reply.body.toString('utf8')) as T;
    } catch {
      throw new AdminApiError(reply.status, `an answer that is not JSON: ${reply.body.toString('utf8', 0, 200)}`);
    }
  }

  /**
   * A kept-alive connection the gateway closed as idle (after HTTP_KEEP_ALIVE_TIMEOUT_MS) fails the next request
   * sent on it with a reset before the gateway reads it: that request is sent once more, on a new connection. Every
   * call of this client may be sent twice: logins and reads change nothing, and acknowledging a row twice changes nothing.
   */
  private async send(method: string, path: string, accept: string, body?: unknown): Promise<ApiReply> {
    try {
      return await this.sendOnce(method, path, accept, body);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ECONNRESET') throw error;
      return this.sendOnce(method, path, accept, body);
    }
  }

  private sendOnce(method: string, path: string, accept: string, body?: unknown): Promise<ApiReply> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { accept };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(payload.length) });
    return new Promise<ApiReply>((resolve, reject) => {
      const call = request(new URL(path, this.options.url), { method, headers, agent: this.agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const reply = { status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) };
          if (reply.status < 200 || reply.status >= 300) reject(new AdminApiError(reply.status, reply.body.toString('utf8')));
          else resolve(reply);
        });
      });
      call.on('error', reject);
      call.end(payload);
    });
  }
}
