import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BranchStore, type BranchRecord } from '#libs/contract';
import { Handles } from '#libs/transport';
import { BranchesRepository } from './branches.repository.js';

@Controller()
export class BranchesController {
  constructor(private readonly branches: BranchesRepository) {}

  @Handles(BranchStore.findByCode)
  findByCode(@Payload() request: { code: string }): Promise<BranchRecord | null> {
    return this.branches.findByCode(request.code);
  }
}
