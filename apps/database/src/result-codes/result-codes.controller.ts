import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ResultCodeStore, type NewResultCode, type ResultCodeChange, type ResultCodeView } from '#libs/contract';
import { ResultCodesRepository } from './result-codes.repository.js';

@Controller()
export class ResultCodesController {
  constructor(private readonly codes: ResultCodesRepository) {}

  @MessagePattern(ResultCodeStore.list.pattern)
  list(): Promise<ResultCodeView[]> {
    return this.codes.list();
  }

  @MessagePattern(ResultCodeStore.create.pattern)
  create(@Payload() request: NewResultCode): Promise<ResultCodeView> {
    return this.codes.create(request);
  }

  @MessagePattern(ResultCodeStore.update.pattern)
  update(@Payload() change: ResultCodeChange): Promise<ResultCodeView> {
    return this.codes.update(change);
  }
}
