import { Injectable } from '@nestjs/common';
import { In, type FindOptionsWhere } from 'typeorm';
import type { AuditEntryView, AuditQuery, Page } from '#libs/contract';
import { AuditEntry, User } from '#libs/entities';
import { TransactionRunner } from '../persistence/transaction.runner.js';

@Injectable()
export class AuditRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  /** Newest first. */
  list(query: AuditQuery): Promise<Page<AuditEntryView>> {
    return this.transactions.read(async (manager) => {
      const where: FindOptionsWhere<AuditEntry> = {};
      if (query.action) where.action = query.action;
      if (query.subjectType) where.subjectType = query.subjectType;
      if (query.subjectId) where.subjectId = query.subjectId;
      const [entries, total] = await manager.findAndCount(AuditEntry, { where, order: { id: 'DESC' }, skip: query.offset, take: query.limit });
      const actorIds = [...new Set(entries.flatMap((entry) => (entry.actorId ? [entry.actorId] : [])))];
      const actors = actorIds.length ? await manager.findBy(User, { id: In(actorIds) }) : [];
      const usernames = new Map(actors.map((actor) => [actor.id, actor.username]));
      const items = entries.map((entry) => ({
        id: entry.id,
        occurredAt: entry.occurredAt.toISOString(),
        actor: entry.actorId ? { id: entry.actorId, username: usernames.get(entry.actorId) ?? null } : null,
        action: entry.action,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId,
        requestId: entry.requestId,
        details: entry.details ? (JSON.parse(entry.details) as Record<string, unknown>) : null,
      }));
      return { items, total, limit: query.limit, offset: query.offset };
    });
  }
}
