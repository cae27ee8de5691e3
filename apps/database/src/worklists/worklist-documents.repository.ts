import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WorklistDownload, WorklistRequest } from '#libs/contract';
import { Batch } from '#libs/entities';
import { SqlDialect } from '../persistence/sql.dialect.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { isUniqueViolation } from '../persistence/unique-violation.js';
import { requireStandingIn } from '../users/session-records.js';
import { storeWorklistDocument } from './worklist-document.records.js';

interface DocumentRow {
  etag: string;
  body?: string;
}

const ETAG = 'SELECT etag FROM worklist_document WHERE collector_id = :collectorId';
const DOCUMENT = 'SELECT etag, body FROM worklist_document WHERE collector_id = :collectorId';

/**
 * Serves the LKH stored when the batch opened. Every download asks for it, so
 * it is read with fixed, parameterized statements by primary key (prepared
 * once, on SQLite), never built or hydrated per request.
 */
@Injectable()
export class WorklistDocumentsRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  /**
   * The document, without its body when the phone holds its tag; null when the collector has no open batch. The
   * session's standing is checked in the same read: a 401 problem when it has ended.
   */
  async find(request: WorklistRequest): Promise<WorklistDownload | null> {
    const stored = await this.transactions.read(async (manager) => {
      await requireStandingIn(manager, request.session);
      return this.read(manager, request);
    });
    return stored === undefined ? this.renderForBatchOpenedEarlier(request) : stored;
  }

  /** Undefined when no document is stored: no open batch, or one opened before documents were stored. */
  private async read(manager: EntityManager, { session, heldEtags }: WorklistRequest): Promise<WorklistDownload | undefined> {
    const dialect = new SqlDialect(manager);
    const collectorId = session.userId;
    if (heldEtags.length > 0) {
      const [tagged] = await dialect.read<DocumentRow>(ETAG, { collectorId });
      if (!tagged) return undefined;
      if (holds(heldEtags, tagged.etag)) return { etag: tagged.etag, body: null };
    }
    const [row] = await dialect.read<DocumentRow>(DOCUMENT, { collectorId });
    return row ? { etag: row.etag, body: typeof row.body === 'string' ? Buffer.from(row.body) : null } : undefined;
  }

  /** A batch opened before documents were stored gets its document at its first download. */
  private async renderForBatchOpenedEarlier(request: WorklistRequest): Promise<WorklistDownload | null> {
    try {
      const rendered = await this.transactions.run(async (manager) => {
        await requireStandingIn(manager, request.session);
        const batch = await manager.findOneBy(Batch, { collectorId: request.session.userId, status: 'open' });
        return batch ? storeWorklistDocument(manager, batch) : null;
      });
      if (!rendered) return null;
      return { etag: rendered.etag, body: holds(request.heldEtags, rendered.etag) ? null : Buffer.from(rendered.body) };
    } catch (error) {
      // Two first downloads at once on a pooled engine: the other one stored it.
      if (!isUniqueViolation(error)) throw error;
      return (await this.transactions.read((manager) => this.read(manager, request))) ?? null;
    }
  }
}

function holds(heldEtags: string[], etag: string): boolean {
  return heldEtags.includes(etag) || heldEtags.includes('*');
}
