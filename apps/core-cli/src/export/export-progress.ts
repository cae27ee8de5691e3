import { SingleBar, Presets } from 'cli-progress';
import type { OutboundKind } from '#libs/contract';

/** How far an export has come: a bar per table on a terminal, a plain count line per table otherwise. */
export interface ExportProgress {
  start(kind: OutboundKind, pending: number): void;
  advance(rows: number): void;
  finish(kind: OutboundKind, rows: number, files: number): void;
}

export function exportProgress(stream: NodeJS.WriteStream = process.stderr): ExportProgress {
  return stream.isTTY ? new BarProgress(stream) : new CountProgress(stream);
}

class BarProgress implements ExportProgress {
  private bar: SingleBar | undefined;
  private done = 0;
  private total = 0;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  start(kind: OutboundKind, pending: number): void {
    this.done = 0;
    this.total = pending;
    this.bar = new SingleBar({ stream: this.stream, format: `${kind.padEnd(14)} {bar} {value}/{total} rows` }, Presets.shades_classic);
    this.bar.start(pending, 0);
  }

  advance(rows: number): void {
    this.done += rows;
    // Rows committed while the export runs are exported too: the bar grows with them.
    if (this.done > this.total) {
      this.total = this.done;
      this.bar?.setTotal(this.total);
    }
    this.bar?.update(this.done);
  }

  finish(): void {
    this.bar?.stop();
  }
}

class CountProgress implements ExportProgress {
  constructor(private readonly stream: NodeJS.WriteStream) {}

  start(): void {}

  advance(): void {}

  finish(kind: OutboundKind, rows: number, files: number): void {
    this.stream.write(`${kind}: ${rows} rows exported and acknowledged in ${files} files\n`);
  }
}
