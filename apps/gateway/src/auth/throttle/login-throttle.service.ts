import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeProblem, ProblemError } from '#libs/common';
import { subscriberOf } from './client-address.js';
import { ThrottleStore, type AttemptCount } from './throttle.store.js';

/** Failed logins are counted over fifteen minutes from the first one. */
const WINDOW_MS = 15 * 60_000;
/** One username from one address: then that pair is locked until its window ends. */
const MAX_FAILURES_PER_USER_AND_ADDRESS = 5;
/** One address across every username, so spraying one password over many users stops too. */
const MAX_FAILURES_PER_ADDRESS = 20;
/**
 * One username from every address: past this, each attempt on it waits before
 * its password is checked. One address cannot get there alone (its pair locks
 * at five), and waiting is all it costs the real user: never a lockout.
 */
const USER_SLOWDOWN_AFTER = 10;
const USER_SLOWDOWN_FIRST_MS = 250;
const USER_SLOWDOWN_MAX_MS = 2000;

/** How long an attempt on a username with this many recent failures waits: doubling from 250 ms, at most 2 s. */
export function slowdownMs(userFailures: number): number {
  if (userFailures < USER_SLOWDOWN_AFTER) return 0;
  return Math.min(USER_SLOWDOWN_FIRST_MS * 2 ** (userFailures - USER_SLOWDOWN_AFTER), USER_SLOWDOWN_MAX_MS);
}

interface ThrottleKeys {
  pair: string;
  address: string;
  user: string;
}

function keysOf(username: string, address: string): ThrottleKeys {
  const user = username.toLowerCase();
  const subscriber = subscriberOf(address);
  return { pair: `login:pair:${user}|${subscriber}`, address: `login:address:${subscriber}`, user: `login:user:${user}` };
}

function tooManyAttempts(count: AttemptCount, detail: string): ProblemError {
  const retryAfterSeconds = Math.max(Math.ceil(count.remainingMs / 1000), 1);
  return new ProblemError(
    makeProblem(429, 'too-many-login-attempts', `${detail}; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`, { retryAfterSeconds }),
  );
}

/**
 * Over a limit only with attempts still being checked: none of them has failed
 * yet, so the caller is told to come back in a moment, not locked out. Phones
 * of a branch behind one address logging in together meet this every morning.
 */
function busyWithAttempts(): ProblemError {
  return new ProblemError(makeProblem(503, 'login-busy', 'Too many logins from this network at once; try again in a moment', { retryAfterSeconds: 1 }));
}

/** The login service answers 401 exactly when the username or password is wrong: only that is a failure. */
function isWrongCredentials(error: unknown): boolean {
  return error instanceof ProblemError && error.problem.status === 401;
}

/**
 * Slows password guessing at the edge, before any password is checked: a
 * user+address pair locks after five failures, an address after twenty across
 * usernames, and a username failing from many addresses makes every attempt
 * on it wait. An attempt is counted before it runs, so concurrent guesses
 * cannot slip past a limit together, and taken back when it was no failure.
 */
@Injectable()
export class LoginThrottle {
  /** Attempts this gateway has counted and is still checking, by throttle key: counted as failures, yet none so far. */
  private readonly checking = new Map<string, number>();

  constructor(private readonly store: ThrottleStore) {}

  async guard<T>(username: string, address: string, attempt: () => Promise<T>): Promise<T> {
    const keys = keysOf(username, address);
    await this.refuseSpent(keys);
    this.track(keys, 1);
    try {
      const userFailures = await this.reserve(keys);
      await sleep(slowdownMs(userFailures));
      let result: T;
      try {
        result = await attempt();
      } catch (error) {
        if (!isWrongCredentials(error)) await this.release(keys);
        throw error;
      }
      await Promise.all([this.store.delete(keys.pair), this.store.decrement(keys.address), this.store.decrement(keys.user)]);
      return result;
    } finally {
      this.track(keys, -1);
    }
  }

  private track(keys: ThrottleKeys, by: 1 | -1): void {
    for (const key of [keys.pair, keys.address]) {
      const count = (this.checking.get(key) ?? 0) + by;
      if (count > 0) this.checking.set(key, count);
      else this.checking.delete(key);
    }
  }

  /** Refuses before counting, so a locked address cannot make new counters (and push others out) by trying more names. */
  private async refuseSpent(keys: ThrottleKeys): Promise<void> {
    const [address, pair] = await Promise.all([this.store.peek(keys.address), this.store.peek(keys.pair)]);
    try {
      this.refuseOver(address, pair);
    } catch (error) {
      throw this.overOnlyWhileChecking(keys, address, pair) ? busyWithAttempts() : error;
    }
  }

  /** Counts the attempt as a failure until it proves otherwise; returns the username's failures before it. */
  private async reserve(keys: ThrottleKeys): Promise<number> {
    const [address, pair] = await Promise.all([this.store.increment(keys.address, WINDOW_MS), this.store.increment(keys.pair, WINDOW_MS)]);
    try {
      this.refuseOver(address, pair, 1);
    } catch (error) {
      await Promise.all([this.store.decrement(keys.address), this.store.decrement(keys.pair)]);
      throw this.overOnlyWhileChecking(keys, address, pair) ? busyWithAttempts() : error;
    }
    const user = await this.store.increment(keys.user, WINDOW_MS);
    return user.count - 1;
  }

  private release(keys: ThrottleKeys): Promise<unknown> {
    return Promise.all([this.store.decrement(keys.pair), this.store.decrement(keys.address), this.store.decrement(keys.user)]);
  }

  /**
   * Whether the counts are within the limits once the attempts this gateway is
   * still checking (this one too, once it is counted) are left out.
   */
  private overOnlyWhileChecking(keys: ThrottleKeys, address: AttemptCount | undefined, pair: AttemptCount | undefined): boolean {
    const settled = (count: AttemptCount | undefined, key: string) => count && { ...count, count: count.count - (this.checking.get(key) ?? 0) };
    try {
      this.refuseOver(settled(address, keys.address), settled(pair, keys.pair));
      return true;
    } catch {
      return false;
    }
  }

  /** `counted` is 1 when the counts already include this attempt. */
  private refuseOver(address: AttemptCount | undefined, pair: AttemptCount | undefined, counted = 0): void {
    if (pair && pair.count - counted >= MAX_FAILURES_PER_USER_AND_ADDRESS) throw tooManyAttempts(pair, 'Too many failed logins');
    if (address && address.count - counted >= MAX_FAILURES_PER_ADDRESS) {
      throw tooManyAttempts(address, 'Too many failed logins from this network');
    }
  }
}
