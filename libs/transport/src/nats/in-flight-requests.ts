/** Requests a service has taken and not yet answered, so that a shutdown can wait for their replies. */
export class InFlightRequests {
  private count = 0;
  private idle: (() => void)[] = [];

  /** Counts a request in; the returned function counts it out, once however often it is called. */
  begin(): () => void {
    this.count += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.count -= 1;
      if (this.count === 0) for (const resolve of this.idle.splice(0)) resolve();
    };
  }

  get size(): number {
    return this.count;
  }

  /** Resolves once every request is answered, or after `limitMs` at the latest; true when all were. */
  settled(limitMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), limitMs);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
