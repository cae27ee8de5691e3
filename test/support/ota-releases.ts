import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FormData } from 'undici';
import type { HttpReply, RunningSystem } from './system-harness.js';

/** POST /api/v1/ota/releases on the ota app's port, as an admin's browser or script uploads an APK. */
export function publishRelease(system: RunningSystem, token: string | undefined, file: Buffer | null, fields: Record<string, string> = {}): Promise<HttpReply> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  if (file) form.set('file', new Blob([new Uint8Array(file)]), 'app-release.apk');
  return system.otaRequest('/api/v1/ota/releases', { method: 'POST', token, body: form as unknown as BodyInit });
}

/** Names of the published files and of uploads in progress: what refusals must leave untouched. */
export function storedReleaseFiles(system: RunningSystem): { releases: string[]; incoming: string[] } {
  return {
    releases: readdirSync(join(system.dataDir, 'ota', 'releases')).sort(),
    incoming: readdirSync(join(system.dataDir, 'ota', 'incoming')),
  };
}
