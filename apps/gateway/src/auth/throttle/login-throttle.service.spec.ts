import { describe, expect, it } from '@jest/globals';
import { ProblemError } from '#libs/common';
import { problemOf } from '../../../../../test/support/problems.js';
import { LoginThrottle, slowdownMs } from './login-throttle.service.js';
import { MemoryThrottleStore } from './memory-throttle.store.js';

const wrongPassword = (): Promise<never> => Promise.reject(ProblemError.unauthorized('Wrong username or password'));
const rightPassword = (): Promise<string> => Promise.resolve('token');

function throttle() {
  const store = new MemoryThrottleStore(10_000);
  return { store, throttle: new LoginThrottle(store) };
}

async function fail(subject: LoginThrottle, username: string, address: string, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) expect((await problemOf(subject.guard(username, address, wrongPassword))).problem.status).toBe(401);
}

describe('LoginThrottle', () => {
  it('locks a username at one address after five failures, the right password included, and only there', async () => {
    const { throttle: subject } = throttle();
    await fail(subject, 'collector1', '198.51.100.1', 5);
    const locked = await problemOf(subject.guard('Collector1', '198.51.100.1', rightPassword));
    expect(locked.problem).toMatchObject({ status: 429, code: 'too-many-login-attempts', detail: 'Too many failed logins; try again in 15 minutes' });
    expect(locked.problem.retryAfterSeconds).toBeGreaterThan(890);
    expect(await subject.guard('collector1', '198.51.100.2', rightPassword)).toBe('token');
    expect(await subject.guard('collector2', '198.51.100.1', rightPassword)).toBe('token');
  });

  it('forgets the failures of a pair once its password is right', async () => {
    const { throttle: subject } = throttle();
    await fail(subject, 'collector1', '198.51.100.1', 4);
    expect(await subject.guard('collector1', '198.51.100.1', rightPassword)).toBe('token');
    await fail(subject, 'collector1', '198.51.100.1', 4);
    expect(await subject.guard('collector1', '198.51.100.1', rightPassword)).toBe('token');
  });

  it('stops one address spraying a password over many usernames after twenty failures, for every username', async () => {
    const { throttle: subject, store } = throttle();
    for (let i = 0; i < 20; i += 1) await fail(subject, `user${i}`, '198.51.100.9', 1);
    const sprayed = await problemOf(subject.guard('user20', '198.51.100.9', wrongPassword));
    expect(sprayed.problem).toMatchObject({ status: 429, detail: 'Too many failed logins from this network; try again in 15 minutes' });
    expect((await problemOf(subject.guard('collector1', '198.51.100.9', rightPassword))).problem.status).toBe(429);
    expect(await subject.guard('collector1', '198.51.100.10', rightPassword)).toBe('token');
    // Refused before counting: a locked address makes no new counters, whatever names it tries.
    const size = store.size;
    for (let i = 0; i < 50; i += 1) await problemOf(subject.guard(`fresh${i}`, '198.51.100.9', wrongPassword));
    expect(store.size).toBe(size);
  });

  it('counts an IPv6 subscriber by its /64, whatever address it picks in it', async () => {
    const { throttle: subject } = throttle();
    for (let i = 1; i <= 5; i += 1) await fail(subject, 'collector1', `2001:db8:1:2::${i}`, 1);
    expect((await problemOf(subject.guard('collector1', '2001:db8:1:2::99', rightPassword))).problem.status).toBe(429);
  });

  it('lets concurrent guesses past a limit no faster than one at a time, telling those over it while the others are checked to come back', async () => {
    const { throttle: subject } = throttle();
    const outcomes = await Promise.all(Array.from({ length: 30 }, () => problemOf(subject.guard('collector1', '198.51.100.1', wrongPassword))));
    expect(outcomes.filter((error) => error.problem.status === 401)).toHaveLength(5);
    const refused = outcomes.filter((error) => error.problem.status !== 401).map((error) => error.problem);
    expect(refused).toHaveLength(25);
    expect(refused.every((problem) => problem.status === 503 && problem.code === 'login-busy' && problem.retryAfterSeconds === 1)).toBe(true);
    // Once those five have failed, the pair is locked.
    expect((await problemOf(subject.guard('collector1', '198.51.100.1', wrongPassword))).problem.status).toBe(429);
  });

  it('lets many users behind one address log in at once: none is locked out for the others still being checked', async () => {
    const { throttle: subject, store } = throttle();
    let admit: () => void = () => undefined;
    const checked = new Promise<void>((resolve) => (admit = resolve));
    const slowRightPassword = async (): Promise<string> => {
      await checked;
      return 'token';
    };
    const first = Array.from({ length: 20 }, (_, i) => subject.guard(`collector${i}`, '198.51.100.3', slowRightPassword));
    // Twenty attempts are being checked: the address limit is reached by them alone, none has failed.
    await new Promise((resolve) => setTimeout(resolve, 10));
    const busy = await problemOf(subject.guard('collector20', '198.51.100.3', rightPassword));
    expect(busy.problem).toMatchObject({ status: 503, code: 'login-busy', retryAfterSeconds: 1 });
    admit();
    expect(await Promise.all(first)).toEqual(Array.from({ length: 20 }, () => 'token'));
    expect(await subject.guard('collector20', '198.51.100.3', rightPassword)).toBe('token');
    expect(await store.peek('login:address:198.51.100.3')).toMatchObject({ count: 0 });
  });

  it('counts nothing for an attempt that failed for another reason than the password', async () => {
    const { throttle: subject } = throttle();
    const unavailable = () => Promise.reject(ProblemError.unavailable('collector', 'down'));
    for (let i = 0; i < 30; i += 1) expect((await problemOf(subject.guard('collector1', '198.51.100.1', unavailable))).problem.status).toBe(503);
    await fail(subject, 'collector1', '198.51.100.1', 4);
    expect(await subject.guard('collector1', '198.51.100.1', rightPassword)).toBe('token');
  });

  it('never slows a username for what one address does to it', async () => {
    const { throttle: subject, store } = throttle();
    await fail(subject, 'collector1', '203.0.113.5', 5);
    for (let i = 0; i < 30; i += 1) expect((await problemOf(subject.guard('collector1', '203.0.113.5', wrongPassword))).problem.status).toBe(429);
    expect((await store.peek('login:user:collector1'))?.count).toBe(5);
    expect(slowdownMs(5)).toBe(0);
  });

  it('slows a username failing from many addresses without locking its owner out', async () => {
    const { throttle: subject } = throttle();
    for (let address = 1; address <= 3; address += 1) await fail(subject, 'collector1', `203.0.113.${address}`, 5);
    const started = performance.now();
    expect(await subject.guard('collector1', '198.51.100.77', rightPassword)).toBe('token');
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(slowdownMs(15) - 5);
    expect(waited).toBeLessThan(slowdownMs(15) + 1000);
  });

  it('makes a username wait only past ten failures, doubling from 250 ms up to 2 s', () => {
    expect([0, 5, 9, 10, 11, 12, 13, 14, 100].map(slowdownMs)).toEqual([0, 0, 0, 250, 500, 1000, 2000, 2000, 2000]);
  });
});
