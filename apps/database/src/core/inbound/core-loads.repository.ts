import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProblemError } from '#libs/common';
import type { CoreLoadErrorView, CoreLoadQuery, CoreLoadView, CoreRowChunk, CoreRowTableName, NewCoreLoad, Page } from '#libs/contract';
import { CORE_FILE_COLUMNS, CoreFileFormatError, parseCoreColumns, type CoreFileColumns } from '#libs/core-files';
import { CoreLoad, CoreLoadError } from '#libs/entities';
import { recordAudit } from '../../audit/audit-trail.js';
import { TransactionRunner } from '../../persistence/transaction.runner.js';
import { toCoreLoadView } from './core-load.mapper.js';
import { SqlDialect } from '../../persistence/sql.dialect.js';

/** A file cell that is no whole number where one is wanted is recorded as an error on its row, and stored empty. */
const NOT_A_NUMBER = { code: 'not-a-number', message: 'Must be a whole number' } as const;

/** Loads as admins see them, and the files route into the same tables the core writes with SQL. */
@Injectable()
export class CoreLoadsRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  list(query: CoreLoadQuery): Promise<Page<CoreLoadView>> {
    return this.transactions.read(async (manager) => {
      const where = { ...(query.status ? { status: query.status } : {}), ...(query.contentHash ? { contentHash: query.contentHash } : {}) };
      const [loads, total] = await manager.findAndCount(CoreLoad, {
        where,
        order: { createdAt: 'DESC', id: 'DESC' },
        take: query.limit,
        skip: query.offset,
      });
      return { items: loads.map(toCoreLoadView), total, limit: query.limit, offset: query.offset };
    });
  }

  get(loadId: string): Promise<CoreLoadView | null> {
    return this.transactions.read(async (manager) => {
      const load = await manager.findOneBy(CoreLoad, { id: loadId });
      return load ? toCoreLoadView(load) : null;
    });
  }

  errors(loadId: string, page: { limit: number; offset: number }): Promise<Page<CoreLoadErrorView>> {
    return this.transactions.read(async (manager) => {
      const [errors, total] = await manager.findAndCount(CoreLoadError, {
        where: { loadId },
        order: { tableName: 'ASC', rowNo: 'ASC', field: 'ASC' },
        take: page.limit,
        skip: page.offset,
      });
      const items = errors.map((error) => ({
        table: error.tableName as CoreRowTableName,
        rowNo: error.rowNo,
        field: error.field,
        code: error.code,
        message: error.message,
      }));
      return { items, total, limit: page.limit, offset: page.offset };
    });
  }

  /** A new `loading` load, or the applied load that already has this content. */
  begin(request: NewCoreLoad & { actorId: string }): Promise<CoreLoadView> {
    return this.transactions.run(async (manager) => {
      if (request.contentHash) {
        const twin = await manager.findOneBy(CoreLoad, { contentHash: request.contentHash, kind: request.kind, workDate: request.workDate, status: 'applied' });
        if (twin) return toCoreLoadView(twin);
      }
      const load = manager.create(CoreLoad, {
        id: randomUUID(),
        kind: request.kind,
        workDate: request.workDate,
        declaredRows: 0,
        status: 'loading',
        contentHash: request.contentHash ?? null,
        acceptBadRows: false,
        collectorRows: null,
        accountRows: null,
        assignmentRows: null,
        badRows: null,
        worklistsChanged: null,
        duplicateOf: null,
        message: null,
        createdAt: new Date(),
        appliedAt: null,
      });
      await manager.insert(CoreLoad, load);
      await recordAudit(manager, {
        actorId: request.actorId,
        action: 'core.load.begin',
        subjectType: 'core_load',
        subjectId: load.id,
        details: { kind: load.kind, workDate: load.workDate },
      });
      return toCoreLoadView(load);
    });
  }

  appendRows(chunk: CoreRowChunk): Promise<{ received: number }> {
    return this.transactions.run(async (manager) => {
      await this.loadingOrRefuse(manager, chunk.loadId);
      const columns = CORE_FILE_COLUMNS[chunk.table];
      const { rows, cells } = columnsOf(chunk);
      const parseErrors: CoreLoadError[] = [];
      const values = columns.map((column, c) => {
        if (column.kind === 'text') return cells[c];
        return cells[c].map((text, index) => {
          if (text === null) return null;
          if (/^-?\d{1,15}$/.test(text)) return Number(text);
          const rowNo = chunk.firstRowNo + index;
          parseErrors.push(Object.assign(new CoreLoadError(), { loadId: chunk.loadId, tableName: chunk.table, rowNo, field: column.name, ...NOT_A_NUMBER }));
          return null;
        });
      });
      const loadIds = new Array<string>(rows).fill(chunk.loadId);
      const rowNos = Array.from({ length: rows }, (_, index) => chunk.firstRowNo + index);
      const sql = new SqlDialect(manager);
      await sql.insertColumns(`core_${chunk.table}_row`, ['load_id', 'row_no', ...columns.map((c) => c.name)], [loadIds, rowNos, ...values]);
      const perInsert = Math.floor(sql.maxParameters / 8);
      for (let start = 0; start < parseErrors.length; start += perInsert) await manager.insert(CoreLoadError, parseErrors.slice(start, start + perInsert));
      return { received: rows };
    });
  }

  /** Counts the rows received as the declared ones and sets `ready`: the files route's commit marker. */
  markReady(loadId: string, actorId: string): Promise<CoreLoadView> {
    return this.transactions.run(async (manager) => {
      const load = await this.loadingOrRefuse(manager, loadId);
      const sql = new SqlDialect(manager);
      let declared = 0;
      for (const table of Object.keys(CORE_FILE_COLUMNS)) {
        declared += await sql.count(`SELECT COUNT(*) AS n FROM core_${table}_row WHERE load_id = :load`, { load: loadId });
      }
      Object.assign(load, { declaredRows: declared, status: 'ready' });
      await manager.update(CoreLoad, { id: loadId }, { declaredRows: declared, status: 'ready' });
      await recordAudit(manager, { actorId, action: 'core.load.ready', subjectType: 'core_load', subjectId: loadId, details: { declaredRows: declared } });
      return toCoreLoadView(load);
    });
  }

  /** A held load goes back to `ready`, this time to be applied with its bad rows left out. */
  accept(loadId: string, actorId: string): Promise<CoreLoadView> {
    return this.transactions.run(async (manager) => {
      const load = await manager.findOneBy(CoreLoad, { id: loadId });
      if (!load) throw ProblemError.notFound('No core load has this id');
      if (load.status !== 'held') throw ProblemError.conflict('core-load-not-held', 'Only a held load can be accepted');
      Object.assign(load, { status: 'ready', acceptBadRows: true });
      await manager.update(CoreLoad, { id: loadId }, { status: 'ready', acceptBadRows: true });
      await recordAudit(manager, { actorId, action: 'core.load.accept', subjectType: 'core_load', subjectId: loadId, details: { badRows: load.badRows } });
      return toCoreLoadView(load);
    });
  }

  private async loadingOrRefuse(manager: EntityManager, loadId: string): Promise<CoreLoad> {
    const load = await manager.findOneBy(CoreLoad, { id: loadId });
    if (!load) throw ProblemError.notFound('No core load has this id');
    if (load.status !== 'loading') throw ProblemError.conflict('core-load-not-loading', 'Rows can be added only while the load is loading');
    return load;
  }
}

/** The chunk's records; a file that cannot be read is the uploader's mistake, answered as such. */
function columnsOf(chunk: CoreRowChunk): CoreFileColumns {
  try {
    return parseCoreColumns(chunk, chunk.table, chunk.firstRowNo);
  } catch (error) {
    if (error instanceof CoreFileFormatError || (error as { code?: string }).code?.startsWith('CSV_')) {
      throw ProblemError.badRequest('core-file-invalid', `The file cannot be read: ${(error as Error).message}`);
    }
    throw error;
  }
}
