import { table, type BenchSection, type SummaryFigure } from './bench-kit.js';

export const SUMMARY_TITLE = 'Summary';

const SUMMARY_HEADER = ['figure', 'one process', 'five processes', 'anchor', 'ratio to the anchor', 'goal', 'met'];

/**
 * The summary table: one row per headline figure of each benchmark run now,
 * and the rows of benchmarks not run this time, kept from the document as it was
 * (each row links to its section, which is how it is recognised).
 */
export function summaryTable(fresh: BenchSection[], keptTitles: string[], previousDocument: string): string {
  const keptRows = summaryRowsOf(previousDocument).filter((row) => keptTitles.some((title) => row.includes(`](#${slugOf(title)})`)));
  const freshRows = fresh.flatMap((section) => (section.summary ?? []).map((figure) => summaryRow(section.title, figure)));
  return table(SUMMARY_HEADER, [...keptRows.map(cellsOf), ...freshRows]);
}

function summaryRow(title: string, figure: SummaryFigure): string[] {
  const measured = figure.fiveProcesses ?? figure.oneProcess;
  const ratio = figure.anchor && measured !== undefined ? `${(measured / figure.anchor.value).toFixed(2)}x` : '—';
  return [
    `[${figure.figure}](#${slugOf(title)})`,
    formatted(figure.oneProcess),
    formatted(figure.fiveProcesses),
    figure.anchor ? `${figure.anchor.label}: ${formatted(figure.anchor.value)}` : '—',
    ratio,
    figure.goal ?? '—',
    figure.met === undefined || figure.met === null ? '—' : figure.met ? 'met' : 'not met',
  ];
}

function formatted(value: number | undefined): string {
  return value === undefined ? '—' : value.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
export function slugOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function summaryRowsOf(markdown: string): string[] {
  const section = markdown.split(/^## /m).find((chunk) => chunk.startsWith(`${SUMMARY_TITLE}\n`));
  return (section ?? '').split('\n').filter((line) => line.startsWith('| ['));
}

function cellsOf(row: string): string[] {
  return row.slice(2, -2).split(' | ');
}
