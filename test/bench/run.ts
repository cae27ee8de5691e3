import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '#libs/common';
import { machineLine, type Benchmark, type BenchSection } from './bench-kit.js';
import { visitsBenchmark, worklistBenchmark } from './field-sync.bench.js';
import { systemEndpointBenchmark } from './system-endpoint.bench.js';

/**
 * `npm run bench [-- name ...]`: runs the benchmarks (all, or those named)
 * and writes their figures to docs/benchmarks.md, keeping the sections not run.
 */
const benchmarks: Benchmark[] = [systemEndpointBenchmark(async () => ({})), worklistBenchmark(), visitsBenchmark()];

const wanted = process.argv.slice(2);
const selected = wanted.length ? benchmarks.filter((b) => wanted.includes(b.name)) : benchmarks;
const sections: BenchSection[] = [];
for (const benchmark of selected) {
  process.stdout.write(`running ${benchmark.name}...\n`);
  const section = await benchmark.run();
  process.stdout.write(`\n## ${section.title}\n\n${section.markdown}\n\n`);
  sections.push(section);
}

/** The sections of the existing document by title, in order; a run replaces those it measured and keeps the others. */
function existingSections(file: string): BenchSection[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split(/^## /m)
    .slice(1)
    .map((part) => {
      const [title, ...body] = part.split('\n');
      return { title: title.trim(), markdown: body.join('\n').trim() };
    });
}

const file = join(workspaceRoot(), 'docs', 'benchmarks.md');
const merged = existingSections(file).map((old) => sections.find((section) => section.title === old.title) ?? old);
merged.push(...sections.filter((section) => !merged.includes(section)));

const document = [
  '# Benchmarks',
  '',
  `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machineLine()}. Load generator and system share the machine.`,
  '',
  ...merged.flatMap((section) => [`## ${section.title}`, '', section.markdown, '']),
].join('\n');
writeFileSync(file, document);
