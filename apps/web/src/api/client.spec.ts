import { describe, expect, it } from '@jest/globals';
import { ApiClient, queryString } from './client.js';
import type { ApiProblem } from './problem.js';

/** The network at the edge of this unit: answers each request with the given reply, recording what was asked. */
function serverAnswering(reply: () => Response) {
  const requests: { url: string; init: RequestInit }[] = [];
  const fetcher = async (url: RequestInfo | URL, init?: RequestInit) => {
    requests.push({ url: String(url), init: init ?? {} });
    return reply();
  };
  return { fetcher: fetcher as typeof fetch, requests };
}

const problemJson = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } });

describe('ApiClient', () => {
  it('sends the bearer token, JSON bodies and only the query values that are set', async () => {
    const { fetcher, requests } = serverAnswering(() => new Response('{"ok":true}', { status: 200 }));
    const client = new ApiClient('/api/v1', undefined, fetcher);
    client.token = 'token-1';
    expect(await client.json('/admin/users', { method: 'POST', json: { a: 1 }, query: { limit: 50, branchCode: '', role: undefined } })).toEqual({ ok: true });
    expect(requests[0].url).toBe('/api/v1/admin/users?limit=50');
    expect(requests[0].init.headers).toMatchObject({ Authorization: 'Bearer token-1', 'Content-Type': 'application/json' });
    expect(requests[0].init.body).toBe('{"a":1}');
    expect(queryString({ incompletePhotos: true, offset: 0 })).toBe('?incompletePhotos=true&offset=0');
  });

  it('turns a problem+json reply into an ApiProblem with its code, detail and field errors', async () => {
    const { fetcher } = serverAnswering(() =>
      problemJson(400, { code: 'validation', detail: 'Bad input', errors: [{ field: 'to', message: 'to must not precede from' }] }),
    );
    const problem = (await new ApiClient('/api/v1', undefined, fetcher).json('/monitoring/visits').catch((error) => error)) as ApiProblem;
    expect([problem.status, problem.code, problem.message, problem.errors]).toEqual([
      400,
      'validation',
      'Bad input',
      [{ field: 'to', message: 'to must not precede from' }],
    ]);
    expect(problem.endsSession).toBe(false);
  });

  it('ends the session on a 401 while signed in, with the server reason, and only then', async () => {
    const ended: ApiProblem[] = [];
    const { fetcher } = serverAnswering(() => problemJson(401, { code: 'unauthorized', detail: 'The account is disabled' }));
    const client = new ApiClient('/api/v1', (problem) => ended.push(problem), fetcher);
    await expect(client.json('/auth/login', { method: 'POST', json: {} })).rejects.toMatchObject({ status: 401 });
    expect(ended).toEqual([]);
    client.token = 'token-1';
    await expect(client.json('/monitoring/progress')).rejects.toMatchObject({ status: 401, message: 'The account is disabled' });
    expect(ended.map((problem) => problem.message)).toEqual(['The account is disabled']);
  });

  it('reports a reply that is not JSON, and a network failure, as problems too', async () => {
    const html = serverAnswering(() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(new ApiClient('/api/v1', undefined, html.fetcher).json('/system')).rejects.toMatchObject({
      status: 502,
      code: 'http-502',
      message: 'Bad Gateway',
    });
    const offline = new ApiClient('/api/v1', undefined, async () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(offline.json('/system')).rejects.toMatchObject({ status: 0, code: 'network' });
  });
});
