import { Injectable } from '@nestjs/common';
import { ResultCodeStore, type Actor, type CreateResultCodeRequest, type ResultCodeView, type UpdateResultCodeRequest } from '#libs/contract';
import { MessageClient } from '#libs/transport';
import { assertAdmin } from './admin-access.js';

@Injectable()
export class ResultCodesService {
  constructor(private readonly messages: MessageClient) {}

  list(actor: Actor): Promise<ResultCodeView[]> {
    assertAdmin(actor);
    return this.messages.send(ResultCodeStore.list, {});
  }

  create({ actor, ...code }: CreateResultCodeRequest): Promise<ResultCodeView> {
    assertAdmin(actor);
    return this.messages.send(ResultCodeStore.create, { actorId: actor.userId, ...code });
  }

  update({ actor, ...change }: UpdateResultCodeRequest): Promise<ResultCodeView> {
    assertAdmin(actor);
    return this.messages.send(ResultCodeStore.update, { actorId: actor.userId, ...change });
  }
}
