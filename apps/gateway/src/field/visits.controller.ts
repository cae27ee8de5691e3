import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentSession, SessionCheckedInCall } from '#libs/auth';
import type { SessionCheckRequest } from '#libs/contract';
import { ApiProblemResponse } from '#libs/http';
import { CollectorEndpoints } from './collector-endpoint.decorator.js';
import { SubmitVisitsDto } from './dto/submit-visits.dto.js';
import { SubmitVisitsReplyDto } from './dto/visit-results.dto.js';
import { VisitsService } from './visits.service.js';

@CollectorEndpoints()
@Controller('visits')
export class VisitsController {
  constructor(private readonly visits: VisitsService) {}

  @Post()
  @HttpCode(200)
  @SessionCheckedInCall()
  @ApiOperation({
    summary: 'Send up to 50 visits',
    description:
      'One result per visit, in order: created; duplicate (same id, same content: the original is returned); conflict (same id, other content: nothing changed); rejected (not stored, errors name the fields and rules). Each visit is stored in its own transaction.',
  })
  @ApiOkResponse({ type: SubmitVisitsReplyDto })
  @ApiProblemResponse(400, 'The envelope is malformed (no visits array, more than 50, unknown fields)')
  @ApiProblemResponse(409, '`no-open-batch`: the batch was closed or reset; nothing was stored. Log in again and resend')
  @ApiProblemResponse(
    507,
    "`storage-full`: the server's disk is full. Keep every visit and resend after Retry-After; those stored before it filled answer `duplicate`",
  )
  submit(@CurrentSession() session: SessionCheckRequest, @Body() dto: SubmitVisitsDto): Promise<SubmitVisitsReplyDto> {
    return this.visits.submit(session, dto.visits);
  }
}
