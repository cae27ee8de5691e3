import { describe, expect, it } from '@jest/globals';
import { MemoryThrottleStore } from './memory-throttle.store.js';

function storeAt(maxKeys: number) {
  const clock = { now: 1_000_000 };
  return { clock, store: new MemoryThrottleStore(maxKeys, () => clock.now) };
}

describe('MemoryThrottleStore', () => {
  it('counts within a window that starts at the first increment and does not move', async () => {
    const { clock, store } = storeAt(10);
    expect(await store.increment('k', 60_000)).toEqual({ count: 1, remainingMs: 60_000 });
    clock.now += 45_000;
    expect(await store.increment('k', 60_000)).toEqual({ count: 2, remainingMs: 15_000 });
    expect(await store.peek('k')).toEqual({ count: 2, remainingMs: 15_000 });
    clock.now += 15_000;
    expect(await store.peek('k')).toBeUndefined();
    expect(await store.increment('k', 60_000)).toEqual({ count: 1, remainingMs: 60_000 });
  });

  it('takes one back, never below zero, and forgets a deleted key', async () => {
    const { store } = storeAt(10);
    await store.increment('k', 60_000);
    await store.increment('k', 60_000);
    await store.decrement('k');
    expect((await store.peek('k'))?.count).toBe(1);
    await store.decrement('k');
    await store.decrement('k');
    expect((await store.peek('k'))?.count).toBe(0);
    await store.decrement('never-seen');
    expect(await store.peek('never-seen')).toBeUndefined();
    await store.delete('k');
    expect(await store.peek('k')).toBeUndefined();
  });

  it('holds at most its bound, forgetting the least recently touched key first', async () => {
    const { store } = storeAt(1000);
    await store.increment('busy', 60_000);
    for (let i = 0; i < 50_000; i += 1) {
      await store.increment(`flood-${i}`, 60_000);
      if (i % 100 === 0) await store.increment('busy', 60_000);
    }
    expect(store.size).toBe(1000);
    expect((await store.peek('busy'))?.count).toBe(501);
    expect(await store.peek('flood-0')).toBeUndefined();
    expect((await store.peek('flood-49999'))?.count).toBe(1);
  });
});
