import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { workspaceRoot } from '#libs/runtime';

export interface BundleSize {
  files: string[];
  rawBytes: number;
  gzipBytes: number;
  brotliBytes: number;
}

const WEB_ROOT = join(workspaceRoot(), 'dist', 'web');

function measure(files: string[]): BundleSize {
  const contents = files.map((file) => readFileSync(join(WEB_ROOT, file)));
  const sum = (sizes: number[]) => sizes.reduce((total, size) => total + size, 0);
  return {
    files,
    rawBytes: sum(contents.map((content) => content.length)),
    gzipBytes: sum(contents.map((content) => gzipSync(content, { level: 9 }).length)),
    brotliBytes: sum(contents.map((content) => brotliCompressSync(content).length)),
  };
}

/** The JavaScript a browser loads before the first screen: the entry script of the built index.html and what it preloads. */
export function firstLoadJavaScript(): BundleSize {
  const html = readFileSync(join(WEB_ROOT, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]);
  return measure(files);
}

/** Every JavaScript file of the build, lazily loaded screens included. */
export function allJavaScript(): BundleSize {
  return measure(
    readdirSync(join(WEB_ROOT, 'assets'))
      .filter((file) => file.endsWith('.js'))
      .map((file) => `assets/${file}`),
  );
}
