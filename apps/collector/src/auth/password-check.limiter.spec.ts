import { describe, expect, it } from '@jest/globals';
import { AppConfig } from '#libs/config';
import { problemOf } from '../../../../test/support/problems.js';
import { PasswordCheckLimiter } from './password-check.limiter.js';

function limiter(concurrency: number, queue: number): PasswordCheckLimiter {
  return new PasswordCheckLimiter({ passwordChecks: { concurrency, queue }, rpcTimeoutMs: 2000 } as AppConfig);
}

/** A check that ends when the test says so. */
function heldCheck() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let started = false;
  return { run: () => ((started = true), done.then(() => 'checked')), finish: () => finish(), started: () => started };
}

describe('PasswordCheckLimiter', () => {
  it('runs a few checks at once, queues a few, refuses the rest at once and lets the queue in as checks end', async () => {
    const subject = limiter(2, 1);
    const checks = [heldCheck(), heldCheck(), heldCheck()];
    const results = checks.map((check) => subject.run(check.run));
    await Promise.resolve();
    expect(checks.map((check) => check.started())).toEqual([true, true, false]);

    const refused = await problemOf(subject.run(() => Promise.resolve('never')));
    expect(refused.problem).toMatchObject({ status: 503, code: 'login-busy', retryAfterSeconds: 1 });

    checks[0].finish();
    await results[0];
    expect(checks[2].started()).toBe(true);
    const extra = heldCheck();
    const extraResult = subject.run(extra.run);
    await Promise.resolve();
    expect(extra.started()).toBe(false);
    checks[1].finish();
    checks[2].finish();
    extra.finish();
    expect(await Promise.all([...results, extraResult])).toEqual(['checked', 'checked', 'checked', 'checked']);
    expect(await subject.run(() => Promise.resolve('free again'))).toBe('free again');
  });

  it('refuses a waiting check whose turn has not come within half the deadline of a call', async () => {
    const subject = limiter(1, 5);
    const held = heldCheck();
    const running = subject.run(held.run);
    const started = performance.now();
    const refused = await problemOf(subject.run(() => Promise.resolve('too late')));
    expect(refused.problem.code).toBe('login-busy');
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    held.finish();
    expect(await running).toBe('checked');
    expect(await subject.run(() => Promise.resolve('next'))).toBe('next');
  });

  it('frees the slot of a check that fails', async () => {
    const subject = limiter(1, 0);
    await expect(subject.run(() => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed');
    expect(await subject.run(() => Promise.resolve('next'))).toBe('next');
  });
});
