import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { ProblemError } from '#libs/common';
import { RedisThrottleStore } from './redis-throttle.store.js';

// The Redis server this machine runs (CI's too); elsewhere the tests say why they are skipped.
const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const unavailable = await whyUnreachable(url);
if (unavailable && process.env.CI) throw new Error(`Redis at ${url} is required in CI: ${unavailable}`);
if (unavailable) console.warn(`Redis throttle store tests skipped: no Redis at ${url} (${unavailable})`);

async function whyUnreachable(redisUrl: string): Promise<string | undefined> {
  const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    probe.disconnect();
  }
}

(unavailable ? describe.skip : describe)('RedisThrottleStore', () => {
  const stores: RedisThrottleStore[] = [];
  const storeOf = (redisUrl = url) => {
    const store = new RedisThrottleStore(redisUrl);
    stores.push(store);
    return store;
  };
  const key = () => `test:${randomUUID()}`;
  afterAll(() => Promise.all(stores.map((store) => store.onApplicationShutdown())));

  it('counts in a window that starts at the first increment, and Redis ends it', async () => {
    const store = storeOf();
    const k = key();
    const first = await store.increment(k, 300);
    expect(first.count).toBe(1);
    expect(first.remainingMs).toBeGreaterThan(200);
    expect(first.remainingMs).toBeLessThanOrEqual(300);
    const second = await store.increment(k, 60_000);
    expect(second.count).toBe(2);
    expect(second.remainingMs).toBeLessThanOrEqual(300);
    expect((await store.peek(k))?.count).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await store.peek(k)).toBeUndefined();
    expect((await store.increment(k, 60_000)).count).toBe(1);
  });

  it('shares one count between gateways counting at the same moment', async () => {
    const [one, two] = [storeOf(), storeOf()];
    const k = key();
    const counts = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? one : two).increment(k, 60_000)));
    expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect((await one.peek(k))?.count).toBe(100);
  });

  it('takes one back, never below zero, and leaves no key for one it never counted', async () => {
    const store = storeOf();
    const k = key();
    await store.increment(k, 60_000);
    await store.increment(k, 60_000);
    await store.decrement(k);
    expect((await store.peek(k))?.count).toBe(1);
    await store.decrement(k);
    await store.decrement(k);
    expect((await store.peek(k))?.count).toBe(0);
    const never = key();
    await store.decrement(never);
    expect(await store.peek(never)).toBeUndefined();
    await store.delete(k);
    expect(await store.peek(k)).toBeUndefined();
  });

  it('answers a 503 at once when Redis cannot be reached', async () => {
    const closed = await closedPort();
    const store = storeOf(`redis://127.0.0.1:${closed}`);
    const started = Date.now();
    const error = await store.increment(key(), 60_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).problem).toMatchObject({ status: 503, code: 'service-unavailable', service: 'redis' });
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
