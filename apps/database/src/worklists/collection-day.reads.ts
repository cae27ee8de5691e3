import type { EntityManager } from 'typeorm';
import type { AssignmentRecord, CollectionDayRecord, ReceiptRangeRecord, ResultCodeRecord } from '#libs/contract';
import { Account, Assignment, ReceiptRange, ResultCode } from '#libs/entities';

type Numeric = string | number;

interface AssignmentRow {
  id: string;
  accountId: string;
  sequence: Numeric;
  amountDue: Numeric;
  overdueDays: Numeric;
  contractNo: string;
  debtorName: string;
  address: string;
  phone: string;
  installmentAmount: Numeric;
  outstanding: Numeric;
  latitude: Numeric | null;
  longitude: Numeric | null;
}

/** What a collector's day offers: the LKH's assignments, the result codes and the collector's receipt ranges. */
export type DayOffer = Pick<CollectionDayRecord, 'assignments' | 'resultCodes' | 'receiptRanges'>;

/** The day's offer as it stands now; no LKH for the batch means no assignments. */
export async function dayOfferOf(manager: EntityManager, worklistId: string | null, collectorId: string): Promise<DayOffer> {
  return {
    assignments: worklistId ? await assignmentsOf(manager, worklistId) : [],
    resultCodes: await resultCodes(manager),
    receiptRanges: await receiptRangesOf(manager, collectorId),
  };
}

/** One query joining each assignment to its account. */
async function assignmentsOf(manager: EntityManager, worklistId: string): Promise<AssignmentRecord[]> {
  const rows = await manager
    .createQueryBuilder(Assignment, 'assignment')
    .innerJoin(Account, 'account', 'account.id = assignment.accountId')
    .select('assignment.id', 'id')
    .addSelect('assignment.accountId', 'accountId')
    .addSelect('assignment.sequence', 'sequence')
    .addSelect('assignment.amountDue', 'amountDue')
    .addSelect('assignment.overdueDays', 'overdueDays')
    .addSelect('account.contractNo', 'contractNo')
    .addSelect('account.debtorName', 'debtorName')
    .addSelect('account.address', 'address')
    .addSelect('account.phone', 'phone')
    .addSelect('account.installmentAmount', 'installmentAmount')
    .addSelect('account.outstanding', 'outstanding')
    .addSelect('account.latitude', 'latitude')
    .addSelect('account.longitude', 'longitude')
    .where('assignment.worklistId = :worklistId', { worklistId })
    .orderBy('assignment.sequence', 'ASC')
    .getRawMany<AssignmentRow>();
  // Raw rows skip the entities' transformers: engines return bigint and decimal columns as strings.
  return rows.map((row) => ({
    id: row.id,
    accountId: row.accountId,
    sequence: Number(row.sequence),
    contractNo: row.contractNo,
    debtorName: row.debtorName,
    address: row.address,
    phone: row.phone,
    amountDue: Number(row.amountDue),
    installmentAmount: Number(row.installmentAmount),
    overdueDays: Number(row.overdueDays),
    outstanding: Number(row.outstanding),
    location: row.latitude === null || row.longitude === null ? null : { lat: Number(row.latitude), lng: Number(row.longitude) },
  }));
}

async function resultCodes(manager: EntityManager): Promise<ResultCodeRecord[]> {
  const codes = await manager.find(ResultCode, { order: { sortOrder: 'ASC', code: 'ASC' } });
  return codes.map((code) => ({
    code: code.code,
    label: code.label,
    requires: { payment: code.requiresPayment, promise: code.requiresPromise, gps: code.requiresGps, minPhotos: code.minPhotos },
    active: code.active,
  }));
}

async function receiptRangesOf(manager: EntityManager, collectorId: string): Promise<ReceiptRangeRecord[]> {
  const ranges = await manager.find(ReceiptRange, { where: { collectorId }, order: { active: 'DESC', prefix: 'ASC' } });
  return ranges.map((range) => ({ prefix: range.prefix, from: range.fromNo, to: range.toNo, active: range.active }));
}
