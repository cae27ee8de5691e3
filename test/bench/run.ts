import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '#libs/common';
import { machineLine, type Benchmark, type BenchSection } from './bench-kit.js';
import { mediaUploadBenchmark } from './media-upload.bench.js';
import { systemEndpointBenchmark } from './system-endpoint.bench.js';

/**
 * `npm run bench [-- name ...]`: runs the benchmarks (all, or those named)
 * and writes their figures to docs/benchmarks.md.
 */
const benchmarks: Benchmark[] = [systemEndpointBenchmark(async () => ({})), mediaUploadBenchmark()];

const wanted = process.argv.slice(2);
const selected = wanted.length ? benchmarks.filter((b) => wanted.includes(b.name)) : benchmarks;
const sections: BenchSection[] = [];
for (const benchmark of selected) {
  process.stdout.write(`running ${benchmark.name}...\n`);
  const section = await benchmark.run();
  process.stdout.write(`\n## ${section.title}\n\n${section.markdown}\n\n`);
  sections.push(section);
}

const document = [
  '# Benchmarks',
  '',
  `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machineLine()}. Load generator and system share the machine.`,
  '',
  ...sections.flatMap((section) => [`## ${section.title}`, '', section.markdown, '']),
].join('\n');
writeFileSync(join(workspaceRoot(), 'docs', 'benchmarks.md'), document);
