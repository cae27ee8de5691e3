import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProblemError } from '#libs/common';
import type { AssignmentRecord, CollectionDayRecord, ReceiptRangeRecord, ResultCodeRecord, SessionCheckRequest } from '#libs/contract';
import { Account, Assignment, Batch, ReceiptRange, ResultCode, Worklist } from '#libs/entities';
import { toBatchView } from '../batches/batch.mapper.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { requireStandingIn } from '../users/session-records.js';

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

@Injectable()
export class WorklistsRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  /** Everything the collection day's rules read, and the session's standing they act on, in one consistent read. */
  openDay(session: SessionCheckRequest): Promise<CollectionDayRecord | null> {
    return this.transactions.read(async (manager) => {
      const standing = await requireStandingIn(manager, session);
      const collectorId = session.userId;
      const batch = await manager.findOneBy(Batch, { collectorId, status: 'open' });
      if (!batch) return null;
      const worklist = batch.worklistId ? await manager.findOneBy(Worklist, { id: batch.worklistId }) : null;
      const branchId = worklist?.branchId ?? standing.branchId;
      if (!branchId) throw ProblemError.conflict('collector-without-branch', 'This collector belongs to no branch; an admin must assign one');
      return {
        batch: toBatchView(batch),
        collectorId,
        branchId,
        assignments: worklist ? await this.assignmentsOf(manager, worklist.id) : [],
        resultCodes: await this.resultCodes(manager),
        receiptRanges: await this.receiptRangesOf(manager, collectorId),
      };
    });
  }

  /** One query joining each assignment to its account: the LKH is read on every download, so it stays one round. */
  private async assignmentsOf(manager: EntityManager, worklistId: string): Promise<AssignmentRecord[]> {
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

  private async resultCodes(manager: EntityManager): Promise<ResultCodeRecord[]> {
    const codes = await manager.find(ResultCode, { order: { sortOrder: 'ASC', code: 'ASC' } });
    return codes.map((code) => ({
      code: code.code,
      label: code.label,
      requires: { payment: code.requiresPayment, promise: code.requiresPromise, gps: code.requiresGps, minPhotos: code.minPhotos },
      active: code.active,
    }));
  }

  private async receiptRangesOf(manager: EntityManager, collectorId: string): Promise<ReceiptRangeRecord[]> {
    const ranges = await manager.find(ReceiptRange, { where: { collectorId }, order: { active: 'DESC', prefix: 'ASC' } });
    return ranges.map((range) => ({ prefix: range.prefix, from: range.fromNo, to: range.toNo, active: range.active }));
  }
}
