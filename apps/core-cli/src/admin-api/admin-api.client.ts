import { Agent, request } from 'node:https';

export interface AdminApiOptions {
  /** The gateway's base URL: `https://localhost:7443`. */
  url: string;
  /** The certificate authority to trust (the self-signed gateway certificate), or none to trust the system's. */
  ca?: string;
  /** Accepts any certificate; for a test installation only. */
  insecure?: boolean;
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
    const reply = await this.send<{ accessToken: string; user: { role: string } }>('POST', '/api/v1/auth/login', { username, password });
    if (reply.user.role !== 'admin') throw new Error(`${username} is not an admin`);
    this.token = reply.accessToken;
  }

  get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('POST', path, body);
  }

  close(): void {
    this.agent.destroy();
  }

  /**
   * A kept-alive connection the gateway closed as idle (after HTTP_KEEP_ALIVE_TIMEOUT_MS) fails the next request
   * sent on it with a reset before the gateway reads it: that request is sent once more, on a new connection. Every
   * call of this client may be sent twice: logins and reads change nothing, and acknowledging a row twice changes nothing.
   */
  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      return await this.sendOnce<T>(method, path, body);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ECONNRESET') throw error;
      return this.sendOnce<T>(method, path, body);
    }
  }

  private sendOnce<T>(method: string, path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(payload.length) });
    return new Promise<T>((resolve, reject) => {
      const call = request(new URL(path, this.options.url), { method, headers, agent: this.agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          if (status < 200 || status >= 300) return reject(new AdminApiError(status, text));
          try {
            resolve(JSON.parse(text) as T);
          } catch {
            reject(new AdminApiError(status, `an answer that is not JSON: ${text.slice(0, 200)}`));
          }
        });
      });
      call.on('error', reject);
      call.end(payload);
    });
  }
}
