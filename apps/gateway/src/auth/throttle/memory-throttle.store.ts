import { LRUCache } from 'lru-cache';
import type { AttemptCount, ThrottleStore } from './throttle.store.js';

interface Window {
  count: number;
  endsAt: number;
}

/**
 * The counters of one gateway, at most `maxKeys` of them: past that the least
 * recently touched is forgotten. An address that keeps trying keeps its own
 * counters fresh, so a flood of new keys evicts the quiet ones first.
 */
export class MemoryThrottleStore implements ThrottleStore {
  private readonly counts: LRUCache<string, Window>;

  constructor(
    maxKeys: number,
    private readonly now: () => number = Date.now,
  ) {
    this.counts = new LRUCache({ max: maxKeys });
  }

  get size(): number {
    return this.counts.size;
  }

  peek(key: string): Promise<AttemptCount | undefined> {
    const window = this.running(key);
    return Promise.resolve(window && this.countOf(window));
  }

  increment(key: string, windowMs: number): Promise<AttemptCount> {
    const running = this.running(key);
    const window = running ? { ...running, count: running.count + 1 } : { count: 1, endsAt: this.now() + windowMs };
    this.counts.set(key, window);
    return Promise.resolve(this.countOf(window));
  }

  decrement(key: string): Promise<void> {
    const running = this.running(key);
    if (running) this.counts.set(key, { ...running, count: Math.max(running.count - 1, 0) });
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.counts.delete(key);
    return Promise.resolve();
  }

  private running(key: string): Window | undefined {
    const window = this.counts.get(key);
    if (window && window.endsAt <= this.now()) {
      this.counts.delete(key);
      return undefined;
    }
    return window;
  }

  private countOf(window: Window): AttemptCount {
    return { count: window.count, remainingMs: window.endsAt - this.now() };
  }
}
