import { Injectable } from '@nestjs/common';
import { IsNull, type Driver, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { OutboundAcknowledgement, OutboundKind, OutboundRow, OutboundRows } from '#libs/contract';
import { recordAudit } from '../../audit/audit-trail.js';
import { TransactionRunner } from '../../persistence/transaction.runner.js';
import { SqlDialect } from '../../persistence/sql.dialect.js';
import { OUTBOUND_TABLES, type OutboundEntity } from './outbound-tables.js';

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

  /** Raw rows, each value converted once as the ORM would hydrate it: entities would cost more than the rest of the export. */
  take(kind: OutboundKind, limit: number): Promise<OutboundRows> {
    return this.transactions.read(async (manager) => {
      const table = OUTBOUND_TABLES[kind];
      const columns = deliveredColumns(manager, kind);
      const query = manager.createQueryBuilder().from(table, 't');
      for (const column of columns) query.addSelect(`t.${column.databaseName}`, column.databaseName);
      const raw = await query
        .where('t.acked_at IS NULL')
        .orderBy('t.created_at', 'ASC')
        .addOrderBy('t.id', 'ASC')
        .limit(limit)
        .getRawMany<Record<string, unknown>>();
      const driver = manager.connection.driver;
      const rows = raw.map((record) => toOutboundRow(driver, columns, record));
      const pending = rows.length < limit ? rows.length : await manager.countBy(table, PENDING);
      return { kind, columns: columns.map((column) => column.databaseName), rows, pending };
    });
  }

  acknowledge(actorId: string, kind: OutboundKind, ids: string[]): Promise<OutboundAcknowledgement> {
    return this.transactions.run(async (manager) => {
      const at = new Date();
      const sql = new SqlDialect(manager);
      const table = manager.connection.getMetadata(OUTBOUND_TABLES[kind]).tableName;
      const perStatement = sql.maxParameters - 1;
      let acknowledged = 0;
      for (let start = 0; start < ids.length; start += perStatement) {
        acknowledged += await sql.affected(`UPDATE ${table} SET acked_at = :at WHERE id IN (:...ids) AND acked_at IS NULL`, {
          at: sql.instant(at),
          ids: ids.slice(start, start + perStatement),
        });
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

function toOutboundRow(driver: Driver, columns: ColumnMetadata[], record: Record<string, unknown>): OutboundRow {
  const row: OutboundRow = {};
  for (const column of columns) {
    const value = driver.prepareHydratedValue(record[column.databaseName], column) as unknown;
    row[column.databaseName] = value instanceof Date ? value.toISOString() : ((value ?? null) as string | number | null);
  }
  return row;
}
