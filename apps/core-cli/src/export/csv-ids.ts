/**
 * The first field of each record of a CSV file after its header: the rows'
 * ids, which are never quoted. A quoted field (a visit's notes) may hold a
 * line break, so a record ends only at a line break outside quotes. The text
 * is searched from quote to quote and line to line, each character once:
 * splitting every field would cost more than writing the file.
 */
export function idsOfCsv(csv: string): string[] {
  const records = new RecordScanner(csv);
  const ids: string[] = [];
  for (let start = records.next(0); start < csv.length; start = records.next(start)) ids.push(csv.slice(start, csv.indexOf(',', start)));
  return ids;
}

class RecordScanner {
  /** The next quote at or after the scan, or -1 when there is none. */
  private quote: number;

  constructor(private readonly csv: string) {
    this.quote = csv.indexOf('"');
  }

  /** Where the record after the one starting at `start` begins: past its first line break outside quotes. */
  next(start: number): number {
    let at = start;
    for (;;) {
      const lineBreak = this.csv.indexOf('\n', at);
      if (lineBreak === -1) return this.csv.length;
      if (this.quote !== -1 && this.quote < at) this.quote = this.csv.indexOf('"', at);
      if (this.quote === -1 || this.quote > lineBreak) return lineBreak + 1;
      // A doubled quote inside the field closes and opens it again: the same as reading on.
      const closing = this.csv.indexOf('"', this.quote + 1);
      if (closing === -1) return this.csv.length;
      at = closing + 1;
      this.quote = this.csv.indexOf('"', at);
    }
  }
}
