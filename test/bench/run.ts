import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '#libs/runtime';
import { machineLine, type Benchmark, type BenchSection } from './bench-kit.js';
import { SUMMARY_TITLE, summaryTable } from './benchmarks-document.js';
import { apkDownloadBenchmark } from './apk-download.bench.js';
import { companyDayBenchmark } from './company-day.bench.js';
import { coreExportBenchmark } from './core-export.bench.js';
import { coreBenchmark } from './core.bench.js';
import { visitsBenchmark, worklistBenchmark } from './field-sync.bench.js';
import { loginBenchmark } from './login.bench.js';
import { mediaUploadBenchmark } from './media-upload.bench.js';
import { natsBenchmark } from './nats.bench.js';
import { systemEndpointBenchmark } from './system-endpoint.bench.js';
import { webPageBenchmark } from './web-page.bench.js';

/**
 * `npm run bench [-- name ...]`: runs the benchmarks (all, or those named)
 * and writes their figures to docs/benchmarks.md, keeping the sections of
 * benchmarks that were not run.
 */
const benchmarks: Benchmark[] = [
  systemEndpointBenchmark(),
  apkDownloadBenchmark,
  worklistBenchmark(),
  visitsBenchmark(),
  loginBenchmark(),
  mediaUploadBenchmark(),
  webPageBenchmark(),
  companyDayBenchmark(),
  coreExportBenchmark(),
  coreBenchmark(),
  natsBenchmark(),
];

const wanted = process.argv.slice(2);
const selected = wanted.length ? benchmarks.filter((b) => wanted.includes(b.name)) : benchmarks;
const sections: BenchSection[] = [];
for (const benchmark of selected) {
  process.stdout.write(`running ${benchmark.name}...\n`);
  const section = await benchmark.run();
  process.stdout.write(`\n## ${section.title}\n\n${section.markdown}\n\n`);
  sections.push(section);
}

const file = join(workspaceRoot(), 'docs', 'benchmarks.md');
const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
const kept = sectionsOf(previous).filter((section) => section.title !== SUMMARY_TITLE);
const merged = [
  ...kept.map((old) => sections.find((fresh) => fresh.title === old.title) ?? old),
  ...sections.filter((fresh) => !kept.some((old) => old.title === fresh.title)),
];
const document = [
  '# Benchmarks',
  '',
  `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machineLine()}. Load generator and system share the machine.`,
  '',
  `## ${SUMMARY_TITLE}`,
  '',
  "Each benchmark's headline figures; the sections below have the details and what limits each one.",
  '',
  summaryTable(
    sections,
    kept.filter((old) => !sections.some((fresh) => fresh.title === old.title)).map((old) => old.title),
    previous,
  ),
  '',
  ...merged.flatMap((section) => [`## ${section.title}`, '', section.markdown, '']),
].join('\n');
writeFileSync(file, document);

/** The `## ` sections of a benchmarks document written by this script. */
function sectionsOf(markdown: string): BenchSection[] {
  return markdown
    .split(/^## /m)
    .slice(1)
    .map((chunk) => {
      const [title, ...body] = chunk.split('\n');
      return { title: title.trim(), markdown: body.join('\n').trim() };
    });
}
