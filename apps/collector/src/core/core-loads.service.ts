import { Injectable } from '@nestjs/common';
import { ProblemError } from '#libs/common';
import {
  CoreLoadStore,
  type CoreActorRequest,
  type CoreLoadErrorView,
  type CoreLoadQuery,
  type CoreLoadRef,
  type CoreLoadView,
  type CoreRowChunk,
  type NewCoreLoad,
  type Page,
} from '#libs/contract';
import { MessageClient } from '#libs/transport';
import { assertAdmin } from '../admin/admin-access.js';

/** Core loads for admins: every call checks the admin, every change is audited by the database service with it. */
@Injectable()
export class CoreLoadsService {
  constructor(private readonly messages: MessageClient) {}

  list({ actor, ...query }: CoreActorRequest<CoreLoadQuery>): Promise<Page<CoreLoadView>> {
    assertAdmin(actor);
    return this.messages.send(CoreLoadStore.list, query);
  }

  async get({ actor, loadId }: CoreActorRequest<CoreLoadRef>): Promise<CoreLoadView> {
    assertAdmin(actor);
    const load = await this.messages.send(CoreLoadStore.get, { loadId });
    if (!load) throw ProblemError.notFound('No core load has this id');
    return load;
  }

  async errors({ actor, ...request }: CoreActorRequest<CoreLoadRef & { limit: number; offset: number }>): Promise<Page<CoreLoadErrorView>> {
    await this.get({ actor, loadId: request.loadId });
    return this.messages.send(CoreLoadStore.errors, request);
  }

  begin({ actor, ...load }: CoreActorRequest<NewCoreLoad>): Promise<CoreLoadView> {
    assertAdmin(actor);
    return this.messages.send(CoreLoadStore.begin, { ...load, actorId: actor.userId });
  }

  appendRows({ actor, ...chunk }: CoreActorRequest<CoreRowChunk>): Promise<{ received: number }> {
    assertAdmin(actor);
    return this.messages.send(CoreLoadStore.appendRows, chunk);
  }

  markReady({ actor, loadId }: CoreActorRequest<CoreLoadRef>): Promise<CoreLoadView> {
    assertAdmin(actor);
    return this.messages.send(CoreLoadStore.markReady, { loadId, actorId: actor.userId });
  }

  accept({ actor, loadId }: CoreActorRequest<CoreLoadRef>): Promise<CoreLoadView> {
    assertAdmin(actor);
    return this.messages.send(CoreLoadStore.accept, { loadId, actorId: actor.userId });
  }
}
