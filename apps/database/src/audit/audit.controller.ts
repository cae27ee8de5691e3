import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AuditStore, type AuditEntryView, type AuditQuery, type Page } from '#libs/contract';
import { AuditRepository } from './audit.repository.js';

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  @MessagePattern(AuditStore.list.pattern)
  list(@Payload() query: AuditQuery): Promise<Page<AuditEntryView>> {
    return this.audit.list(query);
  }
}
