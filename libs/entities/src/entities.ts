import { AuditEntry } from './audit/audit-entry.entity.js';

/** Every entity of the staging database. */
export const ENTITIES = [AuditEntry];
