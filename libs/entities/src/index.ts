export { dataSourceOptions } from './data-source.options.js';
export { ENTITIES } from './entities.js';
export { MIGRATIONS } from './migrations/index.js';
export { PortableColumns } from './portable-columns.js';
export { AuditEntry } from './audit/audit-entry.entity.js';
