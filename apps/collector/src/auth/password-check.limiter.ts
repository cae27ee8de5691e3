import { Injectable } from '@nestjs/common';
import { makeProblem, ProblemError } from '#libs/common';
import { AppConfig } from '#libs/config';

interface Waiting {
  admit: () => void;
  timer: NodeJS.Timeout;
}

function busy(): ProblemError {
  return new ProblemError(makeProblem(503, 'login-busy', 'Too many logins at once; try again in a moment', { retryAfterSeconds: 1 }));
}

/**
 * Password checks (scrypt, about 120 ms of a core each) run a few at a time,
 * a short queue waits, and the rest are refused at once with 503: a flood of
 * logins then costs a quick refusal each, instead of slowing every login, real
 * ones included, until all time out. A check waits for its turn at most half
 * the gateway's deadline (`RPC_TIMEOUT_MS`), leaving the other half for itself
 * however slow a busy machine makes it.
 */
@Injectable()
export class PasswordCheckLimiter {
  private running = 0;
  private readonly waiting: Waiting[] = [];

  constructor(private readonly config: AppConfig) {}

  async run<T>(check: () => Promise<T>): Promise<T> {
    await this.turn();
    try {
      return await check();
    } finally {
      // The turn passes straight to the first waiting check, if any.
      const next = this.waiting.shift();
      if (next) next.admit();
      else this.running -= 1;
    }
  }

  private turn(): Promise<void> {
    const { concurrency, queue } = this.config.passwordChecks;
    const maxWaitMs = this.config.rpcTimeoutMs / 2;
    if (this.running < concurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= queue) return Promise.reject(busy());
    return new Promise((resolve, reject) => {
      const waiting: Waiting = {
        admit: () => {
          clearTimeout(waiting.timer);
          resolve();
        },
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiting), 1);
          reject(busy());
        }, maxWaitMs),
      };
      this.waiting.push(waiting);
    });
  }
}
