import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installationSecret } from './installation-secret.js';

describe('installationSecret', () => {
  it('makes a random key once, readable by its owner only, and reads the same key ever after', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mc-secret-'));
    const first = installationSecret(dataDir, 'internal');
    expect(first).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(installationSecret(dataDir, 'internal')).toBe(first);
    expect(installationSecret(dataDir, 'jwt')).not.toBe(first);
    expect(statSync(join(dataDir, 'secrets', 'internal.key')).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dataDir, 'secrets')).sort()).toEqual(['internal.key', 'jwt.key']);
  });

  it('keeps a key another app made first', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mc-secret-'));
    mkdirSync(join(dataDir, 'secrets'));
    writeFileSync(join(dataDir, 'secrets', 'jwt.key'), 'made-by-the-app-that-started-first\n');
    expect(installationSecret(dataDir, 'jwt')).toBe('made-by-the-app-that-started-first');
  });
});
