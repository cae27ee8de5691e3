import { Injectable } from '@nestjs/common';
import { AuditStore, type AuditEntryView, type ListAuditRequest, type Page } from '#libs/contract';
import { MessageClient } from '#libs/transport';
import { assertAdmin } from './admin-access.js';

@Injectable()
export class AuditService {
  constructor(private readonly messages: MessageClient) {}

  list({ actor, ...query }: ListAuditRequest): Promise<Page<AuditEntryView>> {
    assertAdmin(actor);
    return this.messages.send(AuditStore.list, query);
  }
}
