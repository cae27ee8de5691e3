import { Injectable } from '@nestjs/common';
import { In, IsNull, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { OutboundAcknowledgement, OutboundKind, OutboundRow, OutboundRows } from '#libs/contract';
import { recordAudit } from '../../audit/audit-trail.js';
import { TransactionRunner } from '../../persistence/transaction.runner.js';
import { OUTBOUND_TABLES, type OutboundEntity } from './outbound-tables.js';

/** Ids per UPDATE: far below SQL Server's 2,100 parameters. */
const ACK_CHUNK = 1000;

const PENDING: FindOptionsWhere<OutboundEntity> = { ackedAt: IsNull() };

/**
 * Delivery without a cursor: the core takes rows not yet acknowledged and
 * acknowledges them by id. A row committed late by a slow transaction is
 * still unacknowledged when it becomes visible, so the next take hands it out;
 * a row taken but not acknowledged is handed out again with the same id.
 */
@Injectable()
export class CoreOutboundRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  take(kind: OutboundKind, limit: number): Promise<OutboundRows> {
    return this.transactions.read(async (manager) => {
      const table = OUTBOUND_TABLES[kind];
      const rows = await manager.find(table, { where: PENDING, order: { createdAt: 'ASC', id: 'ASC' }, take: limit });
      const pending = rows.length < limit ? rows.length : await manager.countBy(table, PENDING);
      const columns = deliveredColumns(manager, kind);
      return { kind, columns: columns.map((column) => column.databaseName), rows: rows.map((row) => toOutboundRow(columns, row)), pending };
    });
  }

  acknowledge(actorId: string, kind: OutboundKind, ids: string[]): Promise<OutboundAcknowledgement> {
    return this.transactions.run(async (manager) => {
      const at = new Date();
      let acknowledged = 0;
      for (let start = 0; start < ids.length; start += ACK_CHUNK) {
        const chunk = ids.slice(start, start + ACK_CHUNK);
        const result = await manager.update(OUTBOUND_TABLES[kind], { id: In(chunk), ackedAt: IsNull() }, { ackedAt: at });
        acknowledged += result.affected ?? 0;
      }
      await recordAudit(manager, {
        at,
        actorId,
        action: 'coreOutbound.acknowledge',
        subjectType: 'coreOutbound',
        subjectId: kind,
        details: { requested: ids.length, acknowledged },
      });
      return { kind, acknowledged };
    });
  }
}

/** The table's columns in their order, but the acknowledgement flag, which is the core's and not part of a row. */
function deliveredColumns(manager: EntityManager, kind: OutboundKind): ColumnMetadata[] {
  return manager.connection.getMetadata(OUTBOUND_TABLES[kind]).columns.filter((column) => column.databaseName !== 'acked_at');
}

function toOutboundRow(columns: ColumnMetadata[], entity: OutboundEntity): OutboundRow {
  const row: OutboundRow = {};
  for (const column of columns) {
    const value = column.getEntityValue(entity) as unknown;
    row[column.databaseName] = value instanceof Date ? value.toISOString() : ((value ?? null) as string | number | null);
  }
  return row;
}
