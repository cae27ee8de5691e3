import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every folder and file under `root`, recursively, with each file's size and
 * modification time: two listings are equal only if nothing was added,
 * removed or rewritten (temporary files included).
 */
export function listTree(root: string): string[] {
  const entries: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        entries.push(`${relative(root, path)}/`);
        walk(path);
      } else {
        const stat = statSync(path);
        entries.push(`${relative(root, path)} ${stat.size} ${stat.mtimeMs}`);
      }
    }
  };
  walk(root);
  return entries.sort();
}
