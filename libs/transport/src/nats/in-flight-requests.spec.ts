import { describe, expect, it } from '@jest/globals';
import { InFlightRequests } from './in-flight-requests.js';

describe('InFlightRequests', () => {
  it('settles at once with nothing held, and once the last held request is answered', async () => {
    const inFlight = new InFlightRequests();
    await expect(inFlight.settled(10_000)).resolves.toBe(true);
    const first = inFlight.begin();
    const second = inFlight.begin();
    let settled: boolean | undefined;
    const waiting = inFlight.settled(10_000).then((all) => (settled = all));
    first();
    first();
    await Promise.resolve();
    expect(inFlight.size).toBe(1);
    expect(settled).toBeUndefined();
    second();
    await waiting;
    expect(settled).toBe(true);
    expect(inFlight.size).toBe(0);
  });

  it('gives up waiting after its limit, saying not all were answered', async () => {
    const inFlight = new InFlightRequests();
    inFlight.begin();
    await expect(inFlight.settled(5)).resolves.toBe(false);
    expect(inFlight.size).toBe(1);
  });
});
