import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Branch } from '#libs/entities';
import { BranchesController } from './branches.controller.js';
import { BranchesRepository } from './branches.repository.js';

@Module({
  imports: [TypeOrmModule.forFeature([Branch])],
  controllers: [BranchesController],
  providers: [BranchesRepository],
})
export class BranchesModule {}
