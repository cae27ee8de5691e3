import { CreateAuditTrail1764300000000 } from './1764300000000-create-audit-trail.js';
import { CreateCollectionDay1764310000000 } from './1764310000000-create-collection-day.js';

/** Every migration, oldest first. */
export const MIGRATIONS = [CreateAuditTrail1764300000000, CreateCollectionDay1764310000000];
