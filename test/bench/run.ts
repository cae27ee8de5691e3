import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '#libs/common';
import { login } from '../support/demo-users.js';
import { machineLine, type Benchmark, type BenchSection } from './bench-kit.js';
import { loginBenchmark } from './login.bench.js';
import { systemEndpointBenchmark } from './system-endpoint.bench.js';

/**
 * `npm run bench [-- name ...]`: runs the benchmarks (all, or those named)
 * and writes their figures to docs/benchmarks.md, keeping the sections of
 * benchmarks that did not run.
 */
const benchmarks: Benchmark[] = [
  systemEndpointBenchmark(async (system) => ({ authorization: `Bearer ${(await login(system, 'admin')).token}` })),
  loginBenchmark(),
];

/** The `## ` sections of an earlier docs/benchmarks.md, in their order. */
function earlierSections(file: string): BenchSection[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split(/^## /m)
    .slice(1)
    .map((chunk) => {
      const [title, ...body] = chunk.split('\n');
      return { title: title.trim(), markdown: body.join('\n').trim() };
    });
}

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
const fresh = new Map(sections.map((section) => [section.title, section]));
const earlier = earlierSections(file);
const kept = earlier.map((section) => fresh.get(section.title) ?? section);
const added = sections.filter((section) => !earlier.some((old) => old.title === section.title));
const document = [
  '# Benchmarks',
  '',
  `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machineLine()}. Load generator and system share the machine.`,
  '',
  ...[...kept, ...added].flatMap((section) => [`## ${section.title}`, '', section.markdown, '']),
].join('\n');
writeFileSync(file, document);
