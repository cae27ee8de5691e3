export { dataSourceOptions } from './data-source.options.js';
export { ENTITIES } from './entities.js';
export { MIGRATIONS } from './migrations/index.js';
export { PortableColumns } from './portable-columns.js';
export { AuditEntry } from './audit/audit-entry.entity.js';
export { Release } from './ota/release.entity.js';
export { ReleaseChannel } from './ota/release-channel.entity.js';
