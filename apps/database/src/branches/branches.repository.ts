import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { BranchRecord } from '#libs/contract';
import { Branch } from '#libs/entities';

@Injectable()
export class BranchesRepository {
  constructor(@InjectRepository(Branch) private readonly branches: Repository<Branch>) {}

  async findByCode(code: string): Promise<BranchRecord | null> {
    return toRecord(await this.branches.findOneBy({ code }));
  }
}

function toRecord(branch: Branch | null): BranchRecord | null {
  return branch ? { id: branch.id, code: branch.code, name: branch.name } : null;
}
