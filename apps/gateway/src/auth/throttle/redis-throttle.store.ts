import type { OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { ProblemError } from '#libs/common';
import type { AttemptCount, ThrottleStore } from './throttle.store.js';

/** Keys of this product in a Redis server that may be shared with others. */
const KEY_PREFIX = 'mobile-collection:throttle:';
/** A login waits at most this long for the shared counters before it is refused with a 503. */
const COMMAND_TIMEOUT_MS = 1000;

// Each script runs whole inside Redis, so gateways counting the same key at once never lose a count.
const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1], 'NX')
return { count, redis.call('PTTL', KEYS[1]) }`;
const PEEK = `
local count = redis.call('GET', KEYS[1])
if not count then return false end
return { tonumber(count), redis.call('PTTL', KEYS[1]) }`;
const DECREMENT = `
local count = tonumber(redis.call('GET', KEYS[1]))
if count and count > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

/**
 * The login throttle's counters in Redis, shared by every gateway replica, so
 * two gateways do not double an attacker's budget. Redis expires each window
 * itself. When Redis cannot answer, logins are refused with a 503 rather than
 * let through uncounted: the throttle is a security control, and a phone
 * retries a 503.
 */
export class RedisThrottleStore implements ThrottleStore, OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(url: string) {
    this.redis = new Redis(url, {
      keyPrefix: KEY_PREFIX,
      commandTimeout: COMMAND_TIMEOUT_MS,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      disconnectTimeout: COMMAND_TIMEOUT_MS,
    });
    // ioredis reconnects by itself; meanwhile every call fails fast and answers 503.
    this.redis.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit();
    else this.redis.disconnect();
  }

  async peek(key: string): Promise<AttemptCount | undefined> {
    const reply = await this.run<[number, number] | null>(PEEK, key);
    return reply ? countOf(reply) : undefined;
  }

  async increment(key: string, windowMs: number): Promise<AttemptCount> {
    return countOf(await this.run<[number, number]>(INCREMENT, key, windowMs));
  }

  async decrement(key: string): Promise<void> {
    await this.run(DECREMENT, key);
  }

  async delete(key: string): Promise<void> {
    await this.runCommand(() => this.redis.del(key));
  }

  private run<T>(script: string, key: string, ...args: (string | number)[]): Promise<T> {
    return this.runCommand(() => this.redis.eval(script, 1, key, ...args) as Promise<T>);
  }

  private async runCommand<T>(command: () => Promise<T>): Promise<T> {
    try {
      await this.connected();
      return await command();
    } catch {
      throw ProblemError.unavailable('redis', 'The shared login counters cannot be reached; try again shortly', 5);
    }
  }

  /** Waits a moment for a connection that is still being made: at start-up, or after Redis restarted. */
  private async connected(): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.redis.off('ready', ready);
        reject(new Error('Redis is not connected'));
      }, COMMAND_TIMEOUT_MS);
      const ready = () => {
        clearTimeout(timer);
        resolve();
      };
      this.redis.once('ready', ready);
    });
  }
}

function countOf([count, ttl]: [number, number]): AttemptCount {
  return { count, remainingMs: Math.max(ttl, 0) };
}
