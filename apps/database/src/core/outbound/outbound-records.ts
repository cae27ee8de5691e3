import { randomInt, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { VisitContent } from '#libs/contract';
import { Assignment, Batch, Branch, CoreOutCollectorDay, Payment, PromiseToPay, User, Visit, VisitPhoto } from '#libs/entities';
import { SqlDialect, orderedIdOf, orderedIdPrefix } from '../../persistence/sql.dialect.js';

/** How the core knows the collector, the branch and the account: by name, never by the staging side's ids. */
export interface CoreNames {
  collectorUsername: string;
  branchCode: string;
  accountNo: string;
}

/**
 * Writes the outbound rows of a visit inside the visit's own transaction, so
 * the core never reads a visit the staging side does not hold, and every
 * visit held has its rows. A replayed visit never gets here: its id is taken.
 * Prepared writes (`SqlDialect.write`): this runs for every visit stored.
 * The rows' ids are time-ordered, so each insert appends to its table's key
 * instead of dirtying a random page of it: on SQLite every page a
 * transaction dirties is written again at its commit.
 */
/** Ordinals each visit's rows may take: the visit, its payment, its promise, then its photos. */
const ORDINALS_PER_VISIT = 256;

/**
 * The prefix of a time-ordered id holds the millisecond and 26 random bits, enough for a load's ids, which share
 * one prefix; visits stored in the same millisecond each draw their own, so each visit's ordinals start at a
 * random point too (36 more bits), and two visits never meet on one id.
 */
function firstOrdinalOfVisit(): number {
  return randomInt(2 ** 36) * ORDINALS_PER_VISIT;
}

export async function recordVisitOutbound(manager: EntityManager, visit: Visit, content: VisitContent, names: CoreNames): Promise<void> {
  const sql = new SqlDialect(manager);
  const ids = orderedIdPrefix();
  const first = firstOrdinalOfVisit();
  const createdAt = sql.instant(new Date());
  const common = { visitId: visit.id, accountNo: names.accountNo, createdAt };
  const ofDay = { ...common, workDate: visit.workDate, collectorUsername: names.collectorUsername, branchCode: names.branchCode };
  await sql.write(
    'INSERT INTO core_out_visit (id, visit_id, batch_id, work_date, collector_id, collector_username, branch_code, account_no, result_code, visited_at, ' +
      'latitude, longitude, accuracy_m, notes, photo_count, received_at, created_at, acked_at) VALUES (:id, :visitId, :batchId, :workDate, :collectorId, ' +
      ':collectorUsername, :branchCode, :accountNo, :resultCode, :visitedAt, :latitude, :longitude, :accuracyM, :notes, :photoCount, :receivedAt, :createdAt, NULL)',
    {
      ...ofDay,
      id: orderedIdOf(ids, first),
      batchId: visit.batchId,
      collectorId: visit.collectorId,
      resultCode: visit.resultCode,
      visitedAt: sql.instant(visit.visitedAt),
      latitude: visit.latitude,
      longitude: visit.longitude,
      accuracyM: visit.accuracyM,
      notes: visit.notes,
      photoCount: content.photos.length,
      receivedAt: sql.instant(visit.receivedAt),
    },
  );
  if (content.payment) {
    await sql.write(
      'INSERT INTO core_out_payment (id, visit_id, receipt_no, amount, paid_at, work_date, collector_username, branch_code, account_no, created_at, acked_at) ' +
        'VALUES (:id, :visitId, :receiptNo, :amount, :paidAt, :workDate, :collectorUsername, :branchCode, :accountNo, :createdAt, NULL)',
      { ...ofDay, id: orderedIdOf(ids, first + 1), receiptNo: content.payment.receiptNo, amount: content.payment.amount, paidAt: sql.instant(visit.visitedAt) },
    );
  }
  if (content.promise) {
    await sql.write(
      'INSERT INTO core_out_promise (id, visit_id, promised_date, amount, work_date, collector_username, branch_code, account_no, created_at, acked_at) ' +
        'VALUES (:id, :visitId, :promisedDate, :amount, :workDate, :collectorUsername, :branchCode, :accountNo, :createdAt, NULL)',
      { ...ofDay, id: orderedIdOf(ids, first + 2), promisedDate: content.promise.date, amount: content.promise.amount },
    );
  }
  if (content.photos.length > 0) {
    const photos: Record<string, unknown> = { ...common, uploadedBy: names.collectorUsername };
    const rows = content.photos.map((sha256, position) => {
      Object.assign(photos, { [`id${position}`]: orderedIdOf(ids, first + 3 + position), [`sha${position}`]: sha256, [`url${position}`]: photoUrl(sha256) });
      return `(:id${position}, :visitId, :sha${position}, ${position}, :url${position}, :uploadedBy, :accountNo, :createdAt, NULL)`;
    });
    await sql.write(
      `INSERT INTO core_out_photo (id, visit_id, sha256, position, url, uploaded_by, account_no, created_at, acked_at) VALUES ${rows.join(', ')}`,
      photos,
    );
  }
}

/**
 * Where the core downloads a visit's photo: the public media endpoint, which
 * serves admins any stored photo (and answers 404 until the phone uploads it).
 */
function photoUrl(sha256: string): string {
  return `/api/v1/media/${sha256}`;
}

/** Writes the closed day of a batch with its totals, inside the transaction that closed it. */
export async function recordCollectorDayOutbound(manager: EntityManager, batchId: string): Promise<void> {
  const batch = await manager.findOneByOrFail(Batch, { id: batchId });
  const { closedAt, closedBy } = batch;
  if (!closedAt || !closedBy) throw new Error(`batch ${batchId} is not closed: a collector-day row is written by its close`);
  const collector = await manager.findOneByOrFail(User, { id: batch.collectorId });
  const branch = collector.branchId ? await manager.findOneBy(Branch, { id: collector.branchId }) : null;
  const totals = await totalsOf(manager, batch);
  await manager.insert(CoreOutCollectorDay, {
    id: randomUUID(),
    batchId: batch.id,
    workDate: batch.workDate,
    collectorId: batch.collectorId,
    collectorUsername: collector.username,
    branchCode: branch?.code ?? '',
    openedAt: batch.openedAt,
    closedAt,
    closedBy,
    ...totals,
    createdAt: new Date(),
    ackedAt: null,
  });
}

type DayTotals = Pick<
  CoreOutCollectorDay,
  'assignedAccounts' | 'visitCount' | 'visitedAccounts' | 'paymentCount' | 'paymentAmount' | 'promiseCount' | 'promiseAmount' | 'photoCount'
>;

async function totalsOf(manager: EntityManager, batch: Batch): Promise<DayTotals> {
  const visits = await manager
    .createQueryBuilder(Visit, 'v')
    .select('COUNT(*)', 'count')
    .addSelect('COUNT(DISTINCT v.account_id)', 'accounts')
    .where('v.batch_id = :batchId', { batchId: batch.id })
    .getRawOne<{ count: string | number; accounts: string | number }>();
  const payments = await tallyOverBatch(manager, Payment, batch.id);
  const promises = await tallyOverBatch(manager, PromiseToPay, batch.id);
  const photos = await countOverBatch(manager, VisitPhoto, batch.id);
  const assignedAccounts = batch.worklistId ? await manager.countBy(Assignment, { worklistId: batch.worklistId }) : 0;
  return {
    assignedAccounts,
    visitCount: Number(visits?.count ?? 0),
    visitedAccounts: Number(visits?.accounts ?? 0),
    paymentCount: payments.count,
    paymentAmount: payments.sum,
    promiseCount: promises.count,
    promiseAmount: promises.sum,
    photoCount: photos,
  };
}

/** Payments or promises over a batch's visits: how many, and their rupiah total. */
async function tallyOverBatch(manager: EntityManager, table: typeof Payment | typeof PromiseToPay, batchId: string): Promise<{ count: number; sum: number }> {
  const raw = await overBatch(manager, table, batchId)
    .addSelect('COALESCE(SUM(r.amount), 0)', 'sum')
    .getRawOne<{ count: string | number; sum: string | number }>();
  return { count: Number(raw?.count ?? 0), sum: Number(raw?.sum ?? 0) };
}

async function countOverBatch(manager: EntityManager, table: typeof VisitPhoto, batchId: string): Promise<number> {
  const raw = await overBatch(manager, table, batchId).getRawOne<{ count: string | number }>();
  return Number(raw?.count ?? 0);
}

/** Rows of a visit-keyed table that belong to the batch's visits, counted. */
function overBatch(manager: EntityManager, table: typeof Payment | typeof PromiseToPay | typeof VisitPhoto, batchId: string) {
  return manager
    .createQueryBuilder(table, 'r')
    .innerJoin(Visit, 'v', 'v.id = r.visit_id')
    .select('COUNT(*)', 'count')
    .where('v.batch_id = :batchId', { batchId });
}
