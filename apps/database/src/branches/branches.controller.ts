import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BranchStore, type BranchRecord } from '#libs/contract';
import { BranchesRepository } from './branches.repository.js';

@Controller()
export class BranchesController {
  constructor(private readonly branches: BranchesRepository) {}

  @MessagePattern(BranchStore.findByCode.pattern)
  findByCode(@Payload() request: { code: string }): Promise<BranchRecord | null> {
    return this.branches.findByCode(request.code);
  }
}
