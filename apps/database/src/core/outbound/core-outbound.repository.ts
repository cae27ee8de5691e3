import { Injectable } from '@nestjs/common';
import { IsNull, type Driver, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { OutboundAcknowledgement, OutboundCsvPage, OutboundKind, OutboundRow, OutboundRows } from '#libs/contract';
import { AppConfig } from '#libs/config';
import { maxMessageLength } from '#libs/transport';
import { recordAudit } from '../../audit/audit-trail.js';
import { TransactionRunner } from '../../persistence/transaction.runner.js';
import { SqlDialect } from '../../persistence/sql.dialect.js';
import { renderCsv, type OutboundValue } from './outbound-csv.js';
import { OUTBOUND_TABLES, type OutboundEntity } from './outbound-tables.js';

/** Room for the reply's JSON (its kind and count) beside the file. */
const REPLY_ENVELOPE_BYTES = 64 * 1024;

const PENDING: FindOptionsWhere<OutboundEntity> = { ackedAt: IsNull() };

/** The oldest pending rows of a table, each a list of values in the order of `columns`, `id` first. */
interface PendingPage {
  columns: string[];
  rows: OutboundValue[][];
  pending: number;
}

/**
 * Delivery without a cursor: the core takes rows not yet acknowledged and
 * acknowledges them by id. A row committed late by a slow transaction is
 * still unacknowledged when it becomes visible, so the next take hands it out;
 * a row taken but not acknowledged is handed out again with the same id.
 */
@Injectable()
export class CoreOutboundRepository {
  /** The most bytes of CSV one take answers: the reply must fit one message between the services, its JSON beside it. */
  private readonly maxCsvBytes: number;

  constructor(
    private readonly transactions: TransactionRunner,
    config: AppConfig,
  ) {
    this.maxCsvBytes = maxMessageLength(config) - REPLY_ENVELOPE_BYTES;
  }

  async take(kind: OutboundKind, limit: number): Promise<OutboundRows> {
    const { columns, rows, pending } = await this.readPending(kind, limit);
    return { kind, columns, rows: rows.map((values) => keyedByColumn(columns, values)), pending };
  }

  /** The same page as a CSV file, made here once so that no service on the way parses it again; it may stop short of `limit`. */
  async takeCsv(kind: OutboundKind, limit: number): Promise<OutboundCsvPage> {
    const { columns, rows, pending } = await this.readPending(kind, limit);
    return { kind, pending, csv: renderCsv(columns, rows, this.maxCsvBytes) };
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

  /** Raw rows, each value converted once as the ORM would hydrate it: entities would cost more than the rest of the export. */
  private readPending(kind: OutboundKind, limit: number): Promise<PendingPage> {
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
      const rows = raw.map((record) => deliveredValues(driver, columns, record));
      const pending = rows.length < limit ? rows.length : await manager.countBy(table, PENDING);
      return { columns: columns.map((column) => column.databaseName), rows, pending };
    });
  }
}

/** The table's columns in their order, but the acknowledgement flag, which is the core's and not part of a row. */
function deliveredColumns(manager: EntityManager, kind: OutboundKind): ColumnMetadata[] {
  return manager.connection.getMetadata(OUTBOUND_TABLES[kind]).columns.filter((column) => column.databaseName !== 'acked_at');
}

function deliveredValues(driver: Driver, columns: ColumnMetadata[], record: Record<string, unknown>): OutboundValue[] {
  return columns.map((column) => {
    const value = driver.prepareHydratedValue(record[column.databaseName], column) as unknown;
    return value instanceof Date ? value.toISOString() : ((value ?? null) as OutboundValue);
  });
}

function keyedByColumn(columns: string[], values: OutboundValue[]): OutboundRow {
  const row: OutboundRow = {};
  columns.forEach((column, index) => (row[column] = values[index]));
  return row;
}
