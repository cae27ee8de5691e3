import { Module } from '@nestjs/common';
import { BranchesController } from './branches.controller.js';
import { BranchesRepository } from './branches.repository.js';

@Module({
  controllers: [BranchesController],
  providers: [BranchesRepository],
})
export class BranchesModule {}
