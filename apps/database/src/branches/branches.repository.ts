import { Injectable } from '@nestjs/common';
import type { BranchRecord } from '#libs/contract';
import { Branch } from '#libs/entities';
import { TransactionRunner } from '../persistence/transaction.runner.js';

@Injectable()
export class BranchesRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  findByCode(code: string): Promise<BranchRecord | null> {
    return this.transactions.read(async (manager) => toRecord(await manager.findOneBy(Branch, { code })));
  }
}

function toRecord(branch: Branch | null): BranchRecord | null {
  return branch ? { id: branch.id, code: branch.code, name: branch.name } : null;
}
