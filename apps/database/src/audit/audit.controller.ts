import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AuditStore, type AuditEntryView, type AuditQuery, type Page } from '#libs/contract';
import { Handles } from '#libs/transport';
import { AuditRepository } from './audit.repository.js';

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  @Handles(AuditStore.list)
  list(@Payload() query: AuditQuery): Promise<Page<AuditEntryView>> {
    return this.audit.list(query);
  }
}
