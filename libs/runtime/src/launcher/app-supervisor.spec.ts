import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from '@jest/globals';
import { AppProcess } from './app-process.js';
import { AppSupervisor, type RestartPolicy, type SupervisionEvent } from './app-supervisor.js';

/** Tiny real apps: each test's supervisor runs real processes, so exit codes and signals are the kernel's. */
const CRASHES_AT_ONCE = 'process.exit(3)';
const SERVES = "process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1000)";
const EXITS_CLEANLY = 'process.exit(0)';
const crashesAfter = (ms: number) => `setTimeout(() => process.exit(3), ${ms})`;

/** A process that exits at once still runs for Node's start-up time, which a loaded machine stretches: the times here leave room for it. */
const POLICY: RestartPolicy = { firstDelayMs: 50, maxDelayMs: 150, healthyAfterMs: 5000, maxFastCrashes: 5 };

type Recorded = SupervisionEvent & { at: number };

const supervisors: AppSupervisor[] = [];

afterEach(async () => {
  await Promise.all(supervisors.splice(0).map((supervisor) => supervisor.stop()));
});

/** A supervised `media` whose every start runs the script `scriptOf` picks for that start (counted from 1). */
function supervise(scriptOf: (start: number) => string, policy: RestartPolicy = POLICY) {
  const events: Recorded[] = [];
  let starts = 0;
  const launch = () => new AppProcess('media', spawn(process.execPath, ['-e', scriptOf(++starts)], { stdio: 'ignore' }));
  const supervisor = new AppSupervisor('media', launch, (event) => events.push({ ...event, at: Date.now() }), policy);
  supervisors.push(supervisor);
  return { supervisor, events };
}

async function until(condition: () => boolean, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const kinds = (events: Recorded[]) => events.map((event) => event.kind);
const delays = (events: Recorded[]) => events.flatMap((event) => (event.kind === 'crashed' ? [event.restartInMs] : []));

describe('AppSupervisor', () => {
  it('restarts a crashing app after a delay that doubles up to the maximum, and gives up after too many crashes in a row', async () => {
    const { supervisor, events } = supervise(() => CRASHES_AT_ONCE);
    supervisor.start();
    await until(() => supervisor.state === 'given-up');

    expect(kinds(events)).toEqual(['started', 'crashed', 'started', 'crashed', 'started', 'crashed', 'started', 'crashed', 'started', 'gave-up']);
    expect(delays(events)).toEqual([50, 100, 150, 150]);
    for (const [index, event] of events.entries()) {
      if (event.kind !== 'crashed') continue;
      expect(event.exit).toEqual({ code: 3, signal: null });
      expect(events[index + 1].at - event.at).toBeGreaterThanOrEqual(event.restartInMs - 5);
    }
    const gaveUp = events.at(-1)!;
    expect(gaveUp).toMatchObject({ kind: 'gave-up', app: 'media', exit: { code: 3, signal: null }, crashes: 5 });
    expect(gaveUp.pid).toBe(events.at(-2)!.pid);

    await pause(400);
    expect(events).toHaveLength(10);
    expect(supervisor.pid).toBeUndefined();
  });

  it('waits the first delay again and counts crashes afresh after a run that stayed up long enough', async () => {
    const { supervisor, events } = supervise((start) => (start === 3 ? crashesAfter(6000) : CRASHES_AT_ONCE), { ...POLICY, maxFastCrashes: 3 });
    supervisor.start();
    await until(() => supervisor.state === 'given-up');

    expect(delays(events)).toEqual([50, 100, 50, 100, 150]);
    expect(events.at(-1)).toMatchObject({ kind: 'gave-up', crashes: 3 });
  });

  it('reports a kill -9 as a crash with its signal and restarts the app', async () => {
    const { supervisor, events } = supervise(() => SERVES);
    supervisor.start();
    const first = supervisor.pid!;
    process.kill(first, 'SIGKILL');
    await until(() => kinds(events).length === 3);

    expect(events).toMatchObject([
      { kind: 'started', app: 'media', pid: first },
      { kind: 'crashed', app: 'media', pid: first, exit: { code: null, signal: 'SIGKILL' }, restartInMs: 50 },
      { kind: 'started', app: 'media', pid: supervisor.pid },
    ]);
    expect(supervisor.pid).not.toBe(first);
    expect(supervisor.state).toBe('running');
  });

  it('leaves an app that exits with code 0 stopped', async () => {
    const { supervisor, events } = supervise(() => EXITS_CLEANLY);
    supervisor.start();
    await until(() => supervisor.state === 'stopped');
    await pause(300);

    expect(events).toMatchObject([{ kind: 'started' }, { kind: 'exited-cleanly', app: 'media', pid: events[0].pid }]);
  });

  it('stops a running app without reporting a crash, and cancels a restart that is waiting out its delay', async () => {
    const running = supervise(() => SERVES);
    running.supervisor.start();
    const pid = running.supervisor.pid!;
    await running.supervisor.stop();
    expect(running.supervisor.state).toBe('stopped');
    expect(kinds(running.events)).toEqual(['started']);
    expect(() => process.kill(pid, 0)).toThrow();

    const waiting = supervise(() => CRASHES_AT_ONCE, { ...POLICY, firstDelayMs: 300 });
    waiting.supervisor.start();
    await until(() => waiting.supervisor.state === 'restarting');
    await waiting.supervisor.stop();
    await pause(600);
    expect(kinds(waiting.events)).toEqual(['started', 'crashed']);
    expect(waiting.supervisor.state).toBe('stopped');
  });

  it('starts a given-up app again on request, with a clean crash history', async () => {
    const { supervisor, events } = supervise((start) => (start <= 2 ? CRASHES_AT_ONCE : SERVES), { ...POLICY, maxFastCrashes: 2 });
    supervisor.start();
    await until(() => supervisor.state === 'given-up');

    supervisor.start();
    expect(supervisor.state).toBe('running');
    const pid = supervisor.pid!;
    process.kill(pid, 'SIGKILL');
    await until(() => events.at(-1)!.kind === 'started' && events.at(-1)!.pid !== pid);

    expect(kinds(events)).toEqual(['started', 'crashed', 'started', 'gave-up', 'started', 'crashed', 'started']);
    expect(delays(events)).toEqual([50, 50]);
  });
});
