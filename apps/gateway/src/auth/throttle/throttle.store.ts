/** Attempts counted in a fixed window that starts with the first one. */
export interface AttemptCount {
  count: number;
  /** Time left until the window ends and counting starts again from zero. */
  remainingMs: number;
}

/**
 * Where the login throttle keeps its counters: in memory for one gateway; a
 * shared store (Redis: `INCR` with `PEXPIRE ... NX`, `DECR`, `DEL`) when
 * several gateways must agree. Every call may be remote, so each is async.
 */
export abstract class ThrottleStore {
  /** The count under `key`, or undefined when no window runs. */
  abstract peek(key: string): Promise<AttemptCount | undefined>;
  /** Adds one and returns the new count, opening a window of `windowMs` when none runs. */
  abstract increment(key: string, windowMs: number): Promise<AttemptCount>;
  /** Takes back one that `increment` added. */
  abstract decrement(key: string): Promise<void>;
  abstract delete(key: string): Promise<void>;
}
