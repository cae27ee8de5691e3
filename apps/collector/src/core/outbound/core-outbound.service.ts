import { Injectable } from '@nestjs/common';
import {
  CoreOutboundStore,
  type AcknowledgeOutboundRequest,
  type OutboundAcknowledgement,
  type OutboundCsvPage,
  type OutboundRows,
  type TakeOutboundRequest,
} from '#libs/contract';
import { MessageClient } from '#libs/transport';
import { assertAdmin } from '../../admin/admin-access.js';

/** The core's fetch of the day's results, by an admin account the core (or the export command) logs in with. */
@Injectable()
export class CoreOutboundService {
  constructor(private readonly messages: MessageClient) {}

  take({ actor, kind, limit }: TakeOutboundRequest): Promise<OutboundRows> {
    assertAdmin(actor);
    return this.messages.send(CoreOutboundStore.take, { kind, limit });
  }

  /** The file's bytes are passed on as they came. */
  takeCsv({ actor, kind, limit }: TakeOutboundRequest): Promise<OutboundCsvPage> {
    assertAdmin(actor);
    return this.messages.send(CoreOutboundStore.takeCsv, { kind, limit });
  }

  acknowledge({ actor, kind, ids }: AcknowledgeOutboundRequest): Promise<OutboundAcknowledgement> {
    assertAdmin(actor);
    return this.messages.send(CoreOutboundStore.acknowledge, { actorId: actor.userId, kind, ids });
  }
}
