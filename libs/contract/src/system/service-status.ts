import type { AppName } from '../services.js';

/** What a process says about itself when asked for its status. */
export interface ServiceStatus {
  service: AppName;
  version: string;
  pid: number;
  uptimeSeconds: number;
  startedAt: string;
  details?: Record<string, unknown>;
}

/**
 * A dependency as seen by the service that needs it. A down one carries the
 * problem code of why: `service-unavailable` when it could not be reached in
 * time, or what it answered itself (`storage-full`).
 */
export type DependencyStatus = { service: AppName; up: true; status: StatusReply } | { service: AppName; up: false; reason: string; code: string };

export interface StatusReply extends ServiceStatus {
  dependencies: DependencyStatus[];
}

export interface DatabaseDetails {
  engine: string;
  migrations: { name: string; timestamp: number }[];
}

/** Messages carry an object; status requests need no fields. */
export type EmptyRequest = Record<string, never>;
