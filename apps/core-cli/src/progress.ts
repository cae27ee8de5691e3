import { SingleBar, Presets } from 'cli-progress';

/** Progress of one step: a bar on a terminal, a plain line of counts at the end otherwise (logs, CI). */
export interface Progress {
  advance(by: number): void;
  done(): void;
}

export function progressOf(label: string, total: number, unit: string): Progress {
  let value = 0;
  if (!process.stderr.isTTY) {
    return {
      advance: (by) => void (value += by),
      done: () => process.stderr.write(`${label}: ${value} ${unit}\n`),
    };
  }
  const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% {value}/{total} ${unit}`, stream: process.stderr }, Presets.shades_classic);
  bar.start(total, 0);
  return {
    advance: (by) => bar.increment(by),
    done: () => bar.stop(),
  };
}
