import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProblemError } from '#libs/common';
import type { CanonicalVisitRecord, VisitIssue, VisitOutcome, VisitUploadRecord, VisitView } from '#libs/contract';
import type { Visit } from '#libs/entities';
import { underSavepoint } from '../persistence/savepoint.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { requireStandingIn } from '../users/session-records.js';
import { isUniqueViolation } from '../persistence/unique-violation.js';
import { toVisitView } from './visit.mapper.js';
import { checkVisit, type VisitRuleDay, type VisitRuleSettings } from './visit-rules.js';
import { VisitsRepository, type AssignedAccount, type OpenBatchRecord } from './visits.repository.js';

/** A lost race is answered by re-reading; a third loss in a row means something else is wrong. */
const ATTEMPTS = 3;

/** What answers a replay: the id's stored content hash and collector, and the visit as stored. */
interface StoredVisit {
  contentHash: string;
  collectorId: string;
  view: VisitView;
}

interface Upload {
  collectorId: string;
  batch: OpenBatchRecord & { branchId: string; branchCode: string };
  day: VisitRuleDay;
  accounts: Map<string, AssignedAccount>;
  settings: VisitRuleSettings;
  /** Visits stored under the upload's ids, before it and by it. */
  stored: Map<string, StoredVisit>;
}

/**
 * A collector's upload in one unit of work: the open day is read for just the
 * assignments, codes and ranges the visits name, each visit is checked and the
 * accepted ones stored, each under its own savepoint so a refused or
 * key-violating one undoes nothing of the others, and all share one commit.
 */
@Injectable()
export class VisitUploadService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly visits: VisitsRepository,
  ) {}

  record(request: VisitUploadRecord): Promise<VisitOutcome[]> {
    return this.transactions.run(async (manager) => {
      const upload = await this.openUpload(manager, request);
      const outcomes: VisitOutcome[] = [];
      for (const visit of request.visits) outcomes.push(await this.recordOne(manager, upload, visit));
      if (outcomes.some((outcome) => outcome.status === 'created')) await this.visits.markSynced(manager, upload.batch.id, upload.settings.now);
      return outcomes;
    });
  }

  private async openUpload(manager: EntityManager, request: VisitUploadRecord): Promise<Upload> {
    const { session, visits } = request;
    await requireStandingIn(manager, session);
    const collectorId = session.userId;
    const batch = await this.visits.lockOpenBatch(manager, collectorId);
    if (!batch) throw ProblemError.conflict('no-open-batch', 'No batch is open for this collector (closed or reset); log in again to open one');
    const { branchId, branchCode } = batch;
    if (!branchId || !branchCode) throw ProblemError.conflict('collector-without-branch', 'This collector belongs to no branch; an admin must assign one');
    const contents = visits.map((visit) => visit.content);
    const assignmentIds = unique(contents.map((content) => content.assignmentId));
    const accounts =
      batch.worklistId && assignmentIds.length
        ? await this.visits.accountsOfAssignments(manager, batch.worklistId, assignmentIds)
        : new Map<string, AssignedAccount>();
    const codes = unique(contents.map((content) => content.resultCode));
    const withPayment = contents.some((content) => content.payment);
    const day: VisitRuleDay = {
      workDate: batch.workDate,
      assignmentIds: new Set(accounts.keys()),
      resultCodes: codes.length ? await this.visits.resultCodes(manager, codes) : [],
      receiptRanges: withPayment ? await this.visits.receiptRanges(manager, collectorId) : [],
    };
    const ids = unique(contents.map((content) => content.id));
    const stored = ids.length ? await this.visits.storedVisits(manager, ids) : [];
    const { settings } = request;
    return {
      collectorId,
      batch: { ...batch, branchId, branchCode },
      day,
      accounts,
      settings: { ...settings, now: new Date(settings.now) },
      stored: new Map(stored.map((visit) => [visit.id, storedOf(visit)])),
    };
  }

  /** A replay is recognised before any rule, so a visit once accepted never turns into a refusal. */
  private async recordOne(manager: EntityManager, upload: Upload, visit: CanonicalVisitRecord): Promise<VisitOutcome> {
    const { content } = visit;
    const known = upload.stored.get(content.id);
    if (known) return replayOutcome(content.id, known, visit, upload.collectorId);
    const errors = checkVisit(content, upload.day, upload.settings);
    if (errors.length) return rejected(content.id, errors);
    return this.store(manager, upload, visit);
  }

  /**
   * The database's unique keys (visit id, receipt number) decide races: when a
   * concurrent transaction, or an earlier visit of this upload, took the id or
   * receipt, the insert fails on the key, its savepoint is undone, and what is
   * stored gives the answer.
   */
  private async store(manager: EntityManager, upload: Upload, visit: CanonicalVisitRecord): Promise<VisitOutcome> {
    const { content, contentHash } = visit;
    const { batch, settings } = upload;
    const record = {
      content,
      contentHash,
      collectorId: upload.collectorId,
      batchId: batch.id,
      branchId: batch.branchId,
      workDate: batch.workDate,
      receivedAt: settings.now,
      account: upload.accounts.get(content.assignmentId)!,
      names: { collectorUsername: batch.collectorUsername, branchCode: batch.branchCode },
    };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await underSavepoint(manager, 'visit', () => this.visits.insert(manager, record));
        const view = { ...content, batchId: batch.id, receivedAt: settings.now.toISOString() };
        upload.stored.set(content.id, { contentHash, collectorId: upload.collectorId, view });
        return { id: content.id, status: 'created', visit: view };
      } catch (error) {
        if (!isUniqueViolation(error) || attempt === ATTEMPTS) throw error;
        const taken = await this.outcomeIfTaken(manager, upload, visit);
        if (taken) return taken;
      }
    }
  }

  /** The answer when the visit's id or receipt number is already stored; null when both are free. */
  private async outcomeIfTaken(manager: EntityManager, upload: Upload, visit: CanonicalVisitRecord): Promise<VisitOutcome | null> {
    const { content } = visit;
    const existing = await this.visits.storedVisit(manager, content.id);
    if (existing) {
      const known = storedOf(existing);
      upload.stored.set(content.id, known);
      return replayOutcome(content.id, known, visit, upload.collectorId);
    }
    if (content.payment && (await this.visits.receiptUsed(manager, content.payment.receiptNo))) {
      return rejected(content.id, [
        { field: 'payment.receiptNo', code: 'receipt-used', message: `Receipt ${content.payment.receiptNo} was already used on another visit` },
      ]);
    }
    return null;
  }
}

const CONFLICT_ISSUE: VisitIssue = {
  field: 'id',
  code: 'visit-conflict',
  message: 'Another visit with this id and different content is already stored; nothing was changed',
};

function storedOf(visit: Visit): StoredVisit {
  return { contentHash: visit.contentHash, collectorId: visit.collectorId, view: toVisitView(visit) };
}

/** The original for the same content from the same collector, a conflict for anything else. */
function replayOutcome(id: string, stored: StoredVisit, visit: CanonicalVisitRecord, collectorId: string): VisitOutcome {
  if (stored.contentHash === visit.contentHash && stored.collectorId === collectorId) return { id, status: 'duplicate', visit: stored.view };
  return { id, status: 'conflict', errors: [CONFLICT_ISSUE] };
}

function rejected(id: string, errors: VisitIssue[]): VisitOutcome {
  return { id, status: 'rejected', errors };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
