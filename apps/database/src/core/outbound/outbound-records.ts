import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { VisitContent } from '#libs/contract';
import {
  Account,
  Assignment,
  Batch,
  Branch,
  CoreOutCollectorDay,
  CoreOutPayment,
  CoreOutPhoto,
  CoreOutPromise,
  CoreOutVisit,
  Payment,
  PromiseToPay,
  User,
  Visit,
  VisitPhoto,
} from '#libs/entities';

/** How the core knows the collector, the branch and the account: by name, never by the staging side's ids. */
interface CoreNames {
  collectorUsername: string;
  branchCode: string;
  accountNo: string;
}

/**
 * Writes the outbound rows of a visit inside the visit's own transaction, so
 * the core never reads a visit the staging side does not hold, and every
 * visit held has its rows. A replayed visit never gets here: its id is taken.
 */
export async function recordVisitOutbound(manager: EntityManager, visit: Visit, content: VisitContent): Promise<void> {
  const names = await coreNamesOf(manager, visit);
  const createdAt = new Date();
  const common = { visitId: visit.id, accountNo: names.accountNo, createdAt, ackedAt: null };
  const ofDay = { ...common, workDate: visit.workDate, collectorUsername: names.collectorUsername, branchCode: names.branchCode };
  await manager.insert(CoreOutVisit, {
    ...ofDay,
    id: randomUUID(),
    batchId: visit.batchId,
    collectorId: visit.collectorId,
    resultCode: visit.resultCode,
    visitedAt: visit.visitedAt,
    latitude: visit.latitude,
    longitude: visit.longitude,
    accuracyM: visit.accuracyM,
    notes: visit.notes,
    photoCount: content.photos.length,
    receivedAt: visit.receivedAt,
  });
  if (content.payment) {
    await manager.insert(CoreOutPayment, {
      ...ofDay,
      id: randomUUID(),
      receiptNo: content.payment.receiptNo,
      amount: content.payment.amount,
      paidAt: visit.visitedAt,
    });
  }
  if (content.promise) {
    await manager.insert(CoreOutPromise, { ...ofDay, id: randomUUID(), promisedDate: content.promise.date, amount: content.promise.amount });
  }
  if (content.photos.length > 0) {
    await manager.insert(
      CoreOutPhoto,
      content.photos.map((sha256, position) => ({
        ...common,
        id: randomUUID(),
        sha256,
        position,
        url: photoUrl(sha256),
        uploadedBy: names.collectorUsername,
      })),
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

async function coreNamesOf(manager: EntityManager, visit: Visit): Promise<CoreNames> {
  // One read on the visit's hot path, not one per table.
  const names = await manager
    .createQueryBuilder(Account, 'a')
    .innerJoin(User, 'u', 'u.id = :collectorId', { collectorId: visit.collectorId })
    .innerJoin(Branch, 'b', 'b.id = :branchId', { branchId: visit.branchId })
    .select('u.username', 'collectorUsername')
    .addSelect('b.code', 'branchCode')
    .addSelect('a.contractNo', 'accountNo')
    .where('a.id = :accountId', { accountId: visit.accountId })
    .getRawOne<CoreNames>();
  if (!names) throw new Error(`visit ${visit.id} names a collector, branch or account that does not exist`);
  return names;
}
