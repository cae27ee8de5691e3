import { randomInt, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { VisitContent } from '#libs/contract';
import { Assignment, Batch, Branch, CoreOutCollectorDay, Payment, PromiseToPay, User, Visit, VisitPhoto } from '#libs/entities';
import { orderedIdOf, orderedIdPrefix, type TableRows } from '../../persistence/sql.dialect.js';

/** How the core knows the collector, the branch and the account: by name, never by the staging side's ids. */
export interface CoreNames {
  collectorUsername: string;
  branchCode: string;
  accountNo: string;
}

/** A visit just stored, with the names the core knows it by. */
export interface OutboundVisit {
  visit: Visit;
  content: VisitContent;
  names: CoreNames;
}

/**
 * Ordinals each visit's rows may take: the visit, its payment, its promise,
 * then its photos (a visit lists at most a handful).
 */
const ORDINALS_PER_VISIT = 256;

/**
 * The prefix of a time-ordered id holds the millisecond and 26 random bits; two uploads stored in the same
 * millisecond could still draw the same prefix, so each upload's ordinals start at a random point too (36 more
 * bits), and two uploads never meet on one id.
 */
function firstOrdinalOfUpload(): number {
  return randomInt(2 ** 36) * ORDINALS_PER_VISIT;
}

const DAY_COLUMNS = ['work_date', 'collector_username', 'branch_code', 'account_no', 'created_at'] as const;

/** The columns of each outbound table a visit writes, in the order its rows are built below. */
export const OUTBOUND_VISIT_COLUMNS = {
  core_out_visit: [
    'id',
    'visit_id',
    'batch_id',
    'work_date',
    'collector_id',
    'collector_username',
    'branch_code',
    'account_no',
    'result_code',
    'visited_at',
    'latitude',
    'longitude',
    'accuracy_m',
    'notes',
    'photo_count',
    'received_at',
    'created_at',
  ],
  core_out_payment: ['id', 'visit_id', 'receipt_no', 'amount', 'paid_at', ...DAY_COLUMNS],
  core_out_promise: ['id', 'visit_id', 'promised_date', 'amount', ...DAY_COLUMNS],
  core_out_photo: ['id', 'visit_id', 'sha256', 'position', 'url', 'uploaded_by', 'account_no', 'created_at'],
} satisfies Record<string, string[]>;

/**
 * The outbound rows of an upload's visits, for the transaction that stores
 * them to insert, so the core never reads a visit the staging side does not
 * hold, and every visit held has its rows. A replayed visit never gets here:
 * its id is taken. One table's rows for the whole upload; the rows' ids are
 * time-ordered, so they append to each table's key instead of dirtying a
 * random page of it: on SQLite every page a transaction dirties is written
 * again at its commit.
 */
export function visitsOutboundRows(visits: OutboundVisit[]): TableRows[] {
  const prefix = orderedIdPrefix();
  const first = firstOrdinalOfUpload();
  const createdAt = new Date();
  const rows = { visit: [] as unknown[][], payment: [] as unknown[][], promise: [] as unknown[][], photo: [] as unknown[][] };
  visits.forEach(({ visit, content, names }, index) => {
    const id = (offset: number) => orderedIdOf(prefix, first + index * ORDINALS_PER_VISIT + offset);
    const { collectorUsername, branchCode, accountNo } = names;
    rows.visit.push([
      id(0),
      visit.id,
      visit.batchId,
      visit.workDate,
      visit.collectorId,
      collectorUsername,
      branchCode,
      accountNo,
      visit.resultCode,
      visit.visitedAt,
      visit.latitude,
      visit.longitude,
      visit.accuracyM,
      visit.notes,
      content.photos.length,
      visit.receivedAt,
      createdAt,
    ]);
    const { payment, promise } = content;
    if (payment) {
      rows.payment.push([
        id(1),
        visit.id,
        payment.receiptNo,
        payment.amount,
        visit.visitedAt,
        visit.workDate,
        collectorUsername,
        branchCode,
        accountNo,
        createdAt,
      ]);
    }
    if (promise) rows.promise.push([id(2), visit.id, promise.date, promise.amount, visit.workDate, collectorUsername, branchCode, accountNo, createdAt]);
    content.photos.forEach((sha256, position) => {
      rows.photo.push([id(3 + position), visit.id, sha256, position, photoUrl(sha256), collectorUsername, accountNo, createdAt]);
    });
  });
  return [
    { table: 'core_out_visit', columns: OUTBOUND_VISIT_COLUMNS.core_out_visit, rows: rows.visit },
    { table: 'core_out_payment', columns: OUTBOUND_VISIT_COLUMNS.core_out_payment, rows: rows.payment },
    { table: 'core_out_promise', columns: OUTBOUND_VISIT_COLUMNS.core_out_promise, rows: rows.promise },
    { table: 'core_out_photo', columns: OUTBOUND_VISIT_COLUMNS.core_out_photo, rows: rows.photo },
  ];
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
