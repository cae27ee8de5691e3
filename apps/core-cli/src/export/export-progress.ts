import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { OutboundKind } from '#libs/contract';

/** How far an export has come: a bar per table on a terminal, a plain count line per table otherwise. */
export interface ExportProgress {
  start(kind: OutboundKind, pending: number): void;
  advance(kind: OutboundKind, rows: number): void;
  finish(kind: OutboundKind, rows: number, files: number): void;
}

export function exportProgress(stream: NodeJS.WriteStream = process.stderr): ExportProgress {
  return stream.isTTY ? new BarProgress(stream) : new CountProgress(stream);
}

/** The tables are exported at once, so their bars stand one under another. */
class BarProgress implements ExportProgress {
  private readonly bars: MultiBar;
  private readonly tables = new Map<OutboundKind, { bar: SingleBar; done: number; total: number }>();

  constructor(stream: NodeJS.WriteStream) {
    this.bars = new MultiBar({ stream, format: '{kind} {bar} {value}/{total} rows' }, Presets.shades_classic);
  }

  start(kind: OutboundKind, pending: number): void {
    this.tables.set(kind, { bar: this.bars.create(pending, 0, { kind: kind.padEnd(14) }), done: 0, total: pending });
  }

  advance(kind: OutboundKind, rows: number): void {
    const table = this.tables.get(kind);
    if (!table) return;
    table.done += rows;
    // Rows committed while the export runs are exported too: the bar grows with them.
    if (table.done > table.total) {
      table.total = table.done;
      table.bar.setTotal(table.total);
    }
    table.bar.update(table.done);
  }

  finish(kind: OutboundKind): void {
    this.tables.get(kind)?.bar.stop();
    this.tables.delete(kind);
    if (this.tables.size === 0) this.bars.stop();
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
