import { ApiProblem, problemOf } from './problem.js';

export type QueryValue = string | number | boolean | undefined | null;

/** Query string of the values that are set; the API refuses unknown or empty parameters. */
export function queryString(query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface RequestOptions {
  method?: string;
  query?: Record<string, QueryValue>;
  json?: unknown;
  form?: FormData;
}

/**
 * The page's one way to the REST API (same origin, bearer token). Every
 * failure becomes an ApiProblem; a 401 also tells `onSessionEnd`, so the page
 * signs out with the server's reason whichever screen made the call.
 */
export class ApiClient {
  token: string | null = null;

  constructor(
    private readonly base = '/api/v1',
    private readonly onSessionEnd: (problem: ApiProblem) => void = () => undefined,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  async json<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const reply = await this.send(path, options);
    if (reply.status === 204) return undefined as T;
    return (await reply.json()) as T;
  }

  async blob(path: string, options: RequestOptions = {}): Promise<Blob> {
    return (await this.send(path, options)).blob();
  }

  async send(path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json, */*' };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      body = options.form;
    }
    let reply: Response;
    try {
      reply = await this.fetcher(`${this.base}${path}${queryString(options.query)}`, { method: options.method ?? 'GET', headers, body });
    } catch (error) {
      throw new ApiProblem(0, 'network', (error as Error).message || 'network error');
    }
    if (reply.ok) return reply;
    const problem = await problemOf(reply);
    if (problem.endsSession && this.token) this.onSessionEnd(problem);
    throw problem;
  }
}
