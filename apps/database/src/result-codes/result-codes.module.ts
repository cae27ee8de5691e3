import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ResultCode } from '#libs/entities';
import { ResultCodesController } from './result-codes.controller.js';
import { ResultCodesRepository } from './result-codes.repository.js';

@Module({
  imports: [TypeOrmModule.forFeature([ResultCode])],
  controllers: [ResultCodesController],
  providers: [ResultCodesRepository],
})
export class ResultCodesModule {}
