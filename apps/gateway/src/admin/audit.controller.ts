import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '#libs/auth';
import { AdminMessages, type Actor } from '#libs/contract';
import { ApiProblemResponses } from '#libs/http';
import { MessageClient } from '#libs/transport';
import { PageDto } from '../dto/page.dto.js';
import { AuditEntryDto, ListAuditQueryDto } from './dto/audit.dto.js';

const AuditPageDto = PageDto(AuditEntryDto);

@ApiTags('admin')
@ApiBearerAuth()
@ApiProblemResponses(401, 403, 503)
@Roles('admin')
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly messages: MessageClient) {}

  @Get()
  @ApiOperation({ summary: 'The audit trail of admin changes, newest first: who, what, when, and the request id' })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiProblemResponses(400)
  list(@Query() query: ListAuditQueryDto, @CurrentActor() actor: Actor) {
    return this.messages.send(AdminMessages.listAudit, { actor, ...query });
  }
}
