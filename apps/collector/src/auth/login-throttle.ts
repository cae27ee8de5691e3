import { Injectable } from '@nestjs/common';
import { makeProblem, ProblemError } from '#libs/common';

const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;

interface Failures {
  count: number;
  firstAt: number;
}

/**
 * Slows password guessing: after five failed logins for one username from one
 * address within fifteen minutes, that pair is refused until the window ends.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, Failures>();

  assertAllowed(username: string, address: string, now = Date.now()): void {
    const entry = this.current(this.key(username, address), now);
    if (entry && entry.count >= MAX_FAILURES) {
      const retryAfterSeconds = Math.ceil((entry.firstAt + WINDOW_MS - now) / 1000);
      throw new ProblemError(
        makeProblem(429, 'too-many-login-attempts', `Too many failed logins; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`, {
          retryAfterSeconds,
        }),
      );
    }
  }

  recordFailure(username: string, address: string, now = Date.now()): void {
    const key = this.key(username, address);
    const entry = this.current(key, now) ?? { count: 0, firstAt: now };
    entry.count += 1;
    this.failures.set(key, entry);
  }

  recordSuccess(username: string, address: string): void {
    this.failures.delete(this.key(username, address));
  }

  private current(key: string, now: number): Failures | undefined {
    const entry = this.failures.get(key);
    if (entry && now - entry.firstAt >= WINDOW_MS) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }

  private key(username: string, address: string): string {
    return `${username.toLowerCase()}|${address}`;
  }
}
