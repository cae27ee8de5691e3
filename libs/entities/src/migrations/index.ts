import { CreateAuditTrail1764300000000 } from './1764300000000-create-audit-trail.js';

/** Every migration, oldest first. */
export const MIGRATIONS = [CreateAuditTrail1764300000000];
