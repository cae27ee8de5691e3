import type { EntityManager } from 'typeorm';
import { currentRequestId } from '#libs/common';
import { AuditEntry } from '#libs/entities';

export interface AuditedChange {
  actorId: string;
  action: string;
  /** When the change happened, if not now (a phone's action carries its own time). */
  at?: Date;
  subjectType: string;
  subjectId: string;
  /** What changed, never a secret (no password or hash). */
  details?: Record<string, unknown>;
}

/**
 * Writes the audit entry of a change inside the change's own transaction, so
 * a change is never stored without its entry nor an entry without its change.
 */
export async function recordAudit(manager: EntityManager, change: AuditedChange): Promise<void> {
  await manager.getRepository(AuditEntry).insert({
    occurredAt: change.at ?? new Date(),
    actorId: change.actorId,
    action: change.action,
    subjectType: change.subjectType,
    subjectId: change.subjectId,
    requestId: currentRequestId() ?? null,
    details: change.details ? JSON.stringify(change.details) : null,
  });
}
