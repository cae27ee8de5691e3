import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProblemError } from '#libs/common';
import type { CanonicalVisitRecord, VisitIssue, VisitOutcome, VisitUploadRecord, VisitView } from '#libs/contract';
import { underSavepoint } from '../persistence/savepoint.js';
import { SqlDialect } from '../persistence/sql.dialect.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { isUniqueViolation } from '../persistence/unique-violation.js';
import { toVisitView } from './visit.mapper.js';
import { checkVisit, type VisitRuleDay, type VisitRuleSettings } from './visit-rules.js';
import { VisitsRepository, type AssignedAccount, type OpenBatchRecord, type StoredVisitRecord, type VisitToStore } from './visits.repository.js';

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
  /** Visits stored under the upload's ids before it. */
  stored: Map<string, StoredVisit>;
  /** The upload's receipt numbers that stored payments already carry. */
  usedReceipts: Set<string>;
}

/** Each visit's answer, and the visits to store for those answered `created`. */
interface Decision {
  outcomes: VisitOutcome[];
  accepted: VisitToStore[];
}

/**
 * A collector's upload in one unit of work: the session's standing and the
 * open day, read for just the assignments, codes and ranges the visits name,
 * then what is stored under the upload's ids and receipt numbers (on
 * PostgreSQL one statement for each of the two reads, elsewhere one per
 * table). Every visit is then decided in memory, so a refused one is never
 * written, and the accepted ones are stored together, each table's rows in
 * one call: no visit needs a savepoint of its own, and all share one commit.
 */
@Injectable()
export class VisitUploadService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly visits: VisitsRepository,
  ) {}

  async record(request: VisitUploadRecord): Promise<VisitOutcome[]> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.transactions.run(async (manager) => {
          const upload = await this.openUpload(manager, request);
          return this.store(manager, upload, request.visits, attempt);
        });
      } catch (error) {
        if (!(error instanceof LostRace)) throw error;
      }
    }
  }

  private async openUpload(manager: EntityManager, request: VisitUploadRecord): Promise<Upload> {
    const { session, visits } = request;
    const collectorId = session.userId;
    const contents = visits.map((visit) => visit.content);
    const open = await this.visits.openDay(manager, session, {
      assignmentIds: unique(contents.map((content) => content.assignmentId)),
      codes: unique(contents.map((content) => content.resultCode)),
      withPayment: contents.some((content) => content.payment),
    });
    if (!open) throw ProblemError.conflict('no-open-batch', 'No batch is open for this collector (closed or reset); log in again to open one');
    const { batch, accounts } = open;
    const { branchId, branchCode } = batch;
    if (!branchId || !branchCode) throw ProblemError.conflict('collector-without-branch', 'This collector belongs to no branch; an admin must assign one');
    const day: VisitRuleDay = {
      workDate: batch.workDate,
      assignmentIds: new Set(accounts.keys()),
      resultCodes: open.resultCodes,
      receiptRanges: open.receiptRanges,
    };
    const { settings } = request;
    const upload: Upload = {
      collectorId,
      batch: { ...batch, branchId, branchCode },
      day,
      accounts,
      settings: { ...settings, now: new Date(settings.now) },
      stored: new Map(),
      usedReceipts: new Set(),
    };
    await this.readTaken(manager, upload, visits);
    return upload;
  }

  /** What is stored now under the upload's visit ids and receipt numbers. */
  private async readTaken(manager: EntityManager, upload: Upload, visits: CanonicalVisitRecord[]): Promise<void> {
    const ids = unique(visits.map((visit) => visit.content.id));
    const receipts = unique(visits.flatMap((visit) => (visit.content.payment ? [visit.content.payment.receiptNo] : [])));
    const taken = await this.visits.taken(manager, ids, receipts);
    upload.usedReceipts = taken.receipts;
    upload.stored = new Map(taken.visits.map((visit) => [visit.id, storedOf(visit)]));
  }

  /**
   * The database's unique keys (visit id, receipt number) still decide races:
   * when a concurrent transaction took one of the ids or receipts after they
   * were read, the insert fails on the key, its savepoint undoes the whole
   * insert, and the visits are decided again against what is stored now. On
   * PostgreSQL a failed statement leaves the transaction unusable until a
   * savepoint is rolled back to, and a savepoint costs two more round trips
   * on every upload: there the insert runs without one, and a lost race ends
   * the transaction and runs the whole unit of work again, `attempt` counting
   * the units.
   */
  private async store(manager: EntityManager, upload: Upload, visits: CanonicalVisitRecord[], unitAttempt: number): Promise<VisitOutcome[]> {
    const rollsBackWholeUnit = new SqlDialect(manager).isPostgres;
    for (let attempt = unitAttempt; ; attempt += 1) {
      const { outcomes, accepted } = decide(upload, visits);
      if (!accepted.length) return outcomes;
      const insert = () => this.visits.insert(manager, accepted, upload.settings.now);
      try {
        await (rollsBackWholeUnit ? insert() : underSavepoint(manager, 'visits', insert));
        return outcomes;
      } catch (error) {
        if (!isUniqueViolation(error) || attempt === ATTEMPTS) throw error;
        if (rollsBackWholeUnit) throw new LostRace();
        await this.readTaken(manager, upload, visits);
      }
    }
  }
}

/** A unit of work that lost a race on a unique key after its transaction could no longer go on: it runs again. */
class LostRace extends Error {}

/**
 * Each visit in the upload's order, against what is stored and what the
 * visits before it took: a replay is recognised before any rule, so a visit
 * once accepted never turns into a refusal; then the rules; then whether its
 * receipt number is taken.
 */
function decide(upload: Upload, visits: CanonicalVisitRecord[]): Decision {
  const { batch, settings, collectorId } = upload;
  const stored = new Map(upload.stored);
  const usedReceipts = new Set(upload.usedReceipts);
  const decision: Decision = { outcomes: [], accepted: [] };
  for (const visit of visits) {
    const { content, contentHash } = visit;
    const known = stored.get(content.id);
    if (known) {
      decision.outcomes.push(replayOutcome(content.id, known, visit, collectorId));
      continue;
    }
    const errors = checkVisit(content, upload.day, settings);
    if (errors.length) {
      decision.outcomes.push(rejected(content.id, errors));
      continue;
    }
    const receiptNo = content.payment?.receiptNo;
    if (receiptNo !== undefined && usedReceipts.has(receiptNo)) {
      decision.outcomes.push(
        rejected(content.id, [{ field: 'payment.receiptNo', code: 'receipt-used', message: `Receipt ${receiptNo} was already used on another visit` }]),
      );
      continue;
    }
    if (receiptNo !== undefined) usedReceipts.add(receiptNo);
    const view = { ...content, batchId: batch.id, receivedAt: settings.now.toISOString() };
    stored.set(content.id, { contentHash, collectorId, view });
    decision.outcomes.push({ id: content.id, status: 'created', visit: view });
    decision.accepted.push({
      content,
      contentHash,
      collectorId,
      batchId: batch.id,
      branchId: batch.branchId,
      workDate: batch.workDate,
      receivedAt: settings.now,
      account: upload.accounts.get(content.assignmentId)!,
      names: { collectorUsername: batch.collectorUsername, branchCode: batch.branchCode },
    });
  }
  return decision;
}

const CONFLICT_ISSUE: VisitIssue = {
  field: 'id',
  code: 'visit-conflict',
  message: 'Another visit with this id and different content is already stored; nothing was changed',
};

function storedOf(visit: StoredVisitRecord): StoredVisit {
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
