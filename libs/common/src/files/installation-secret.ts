import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A random key of this installation, `DATA_DIR/secrets/<name>.key`, made the
 * first time it is asked for and read ever after. Apps starting together agree
 * on one key: it is written whole to a draft of its own and hard-linked into
 * place, which fails when another app linked its draft first, so no app ever
 * reads a half-written key.
 */
export function installationSecret(dataDir: string, name: string): string {
  const folder = join(dataDir, 'secrets');
  const file = join(folder, `${name}.key`);
  if (!existsSync(file)) makeOnce(folder, file, name);
  return readFileSync(file, 'utf8').trim();
}

function makeOnce(folder: string, file: string, name: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const draft = join(folder, `${name}.${randomUUID()}.draft`);
  writeFileSync(draft, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}
