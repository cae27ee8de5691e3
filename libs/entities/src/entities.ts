import { AuditEntry } from './audit/audit-entry.entity.js';
import { ReleaseChannel } from './ota/release-channel.entity.js';
import { Release } from './ota/release.entity.js';

/** Every entity of the staging database. */
export const ENTITIES = [AuditEntry, Release, ReleaseChannel];
