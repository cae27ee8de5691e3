import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppName, ServiceStatus } from '#libs/contract';
import { workspaceRoot } from './workspace.js';

const startedAt = new Date();

function readVersion(): string {
  const manifest = join(workspaceRoot(), 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

const version = readVersion();

/** This process's own line in a status reply. */
export function describeProcess(service: AppName, details?: Record<string, unknown>): ServiceStatus {
  return {
    service,
    version,
    pid: process.pid,
    uptimeSeconds: Math.round(process.uptime()),
    startedAt: startedAt.toISOString(),
    ...(details ? { details } : {}),
  };
}
