import { Module } from '@nestjs/common';
import { ResultCodesController } from './result-codes.controller.js';
import { ResultCodesRepository } from './result-codes.repository.js';

@Module({
  controllers: [ResultCodesController],
  providers: [ResultCodesRepository],
})
export class ResultCodesModule {}
