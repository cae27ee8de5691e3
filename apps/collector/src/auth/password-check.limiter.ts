import { Injectable } from '@nestjs/common';
import { makeProblem, ProblemError } from '#libs/common';
import { AppConfig } from '#libs/config';

/**
 * Password checks (scrypt, about 120 ms of a core each) run a few at a time,
 * a short queue waits, and the rest are refused at once with 503: a flood of
 * logins then costs a quick refusal each instead of slowing every login,
 * real ones included, until all time out.
 */
@Injectable()
export class PasswordCheckLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly config: AppConfig) {}

  async run<T>(check: () => Promise<T>): Promise<T> {
    await this.slot();
    try {
      return await check();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }

  private slot(): Promise<void> {
    const { concurrency, queue } = this.config.passwordChecks;
    if (this.running < concurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= queue) {
      throw new ProblemError(makeProblem(503, 'login-busy', 'Too many logins at once; try again in a moment', { retryAfterSeconds: 1 }));
    }
    // The slot passes straight from the check that ends to the first waiting one.
    return new Promise((resolve) => this.waiting.push(() => resolve()));
  }
}
