import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ResultCodeStore, type NewResultCode, type ResultCodeChange, type ResultCodeView } from '#libs/contract';
import { Handles } from '#libs/transport';
import { ResultCodesRepository } from './result-codes.repository.js';

@Controller()
export class ResultCodesController {
  constructor(private readonly codes: ResultCodesRepository) {}

  @Handles(ResultCodeStore.list)
  list(): Promise<ResultCodeView[]> {
    return this.codes.list();
  }

  @Handles(ResultCodeStore.create)
  create(@Payload() request: NewResultCode): Promise<ResultCodeView> {
    return this.codes.create(request);
  }

  @Handles(ResultCodeStore.update)
  update(@Payload() change: ResultCodeChange): Promise<ResultCodeView> {
    return this.codes.update(change);
  }
}
