import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { ProblemError } from '#libs/common';
import type { AssignmentRecord, CollectionDayRecord, ReceiptRangeView, ResultCodeRecord } from '#libs/contract';
import { Account, Assignment, Batch, ReceiptRange, ResultCode, User, Worklist } from '#libs/entities';
import { toBatchView } from '../batches/batch.mapper.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';

@Injectable()
export class WorklistsRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  /** Everything the collection day's rules read, in one consistent read. */
  openDay(collectorId: string): Promise<CollectionDayRecord | null> {
    return this.transactions.read(async (manager) => {
      const batch = await manager.findOneBy(Batch, { collectorId, status: 'open' });
      if (!batch) return null;
      const worklist = batch.worklistId ? await manager.findOneBy(Worklist, { id: batch.worklistId }) : null;
      const branchId = worklist?.branchId ?? (await manager.findOneByOrFail(User, { id: collectorId })).branchId;
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

  private async assignmentsOf(manager: EntityManager, worklistId: string): Promise<AssignmentRecord[]> {
    const assignments = await manager.find(Assignment, { where: { worklistId }, order: { sequence: 'ASC' } });
    const accounts = new Map(
      (await manager.findBy(Account, { id: In(assignments.map((a) => a.accountId)) })).map((account) => [account.id, account]),
    );
    return assignments.map((assignment) => {
      const account = accounts.get(assignment.accountId)!;
      return {
        id: assignment.id,
        accountId: account.id,
        sequence: assignment.sequence,
        contractNo: account.contractNo,
        debtorName: account.debtorName,
        address: account.address,
        phone: account.phone,
        amountDue: assignment.amountDue,
        installmentAmount: account.installmentAmount,
        overdueDays: assignment.overdueDays,
        outstanding: account.outstanding,
        location: account.latitude === null || account.longitude === null ? null : { lat: account.latitude, lng: account.longitude },
      };
    });
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

  private async receiptRangesOf(manager: EntityManager, collectorId: string): Promise<ReceiptRangeView[]> {
    const ranges = await manager.find(ReceiptRange, { where: { collectorId, active: true }, order: { prefix: 'ASC' } });
    return ranges.map((range) => ({ prefix: range.prefix, from: range.fromNo, to: range.toNo }));
  }
}
