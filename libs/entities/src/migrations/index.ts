import { CreateAuditTrail1764300000000 } from './1764300000000-create-audit-trail.js';
import { CreateCollectionDay1764310000000 } from './1764310000000-create-collection-day.js';
import { AddMonitoringIndices1764330000000 } from './1764330000000-add-monitoring-indices.js';
import { CreateOtaReleases1764400000000 } from './1764400000000-create-ota-releases.js';
import { AddDeviceBindingBlock1764500000000 } from './1764500000000-add-device-binding-block.js';
import { CreateOtaCounterFlushes1764610000000 } from './1764610000000-create-ota-counter-flushes.js';
import { CreateCoreInbound1765000000000 } from './1765000000000-create-core-inbound.js';
import { CreateCoreOutbound1765100000000 } from './1765100000000-create-core-outbound.js';
import { CreateWorklistDocuments1765230000000 } from './1765230000000-create-worklist-documents.js';
import { DropVisitAssignmentIndex1765300000000 } from './1765300000000-drop-visit-assignment-index.js';
import { DropAssignmentCollectorIndex1765400000000 } from './1765400000000-drop-assignment-collector-index.js';
import { DropUnreadVisitKeys1765510000000 } from './1765510000000-drop-unread-visit-keys.js';

/** Every migration, oldest first. */
export const MIGRATIONS = [
  CreateAuditTrail1764300000000,
  CreateCollectionDay1764310000000,
  AddMonitoringIndices1764330000000,
  CreateOtaReleases1764400000000,
  AddDeviceBindingBlock1764500000000,
  CreateOtaCounterFlushes1764610000000,
  CreateCoreInbound1765000000000,
  CreateCoreOutbound1765100000000,
  CreateWorklistDocuments1765230000000,
  DropVisitAssignmentIndex1765300000000,
  DropAssignmentCollectorIndex1765400000000,
  DropUnreadVisitKeys1765510000000,
];
