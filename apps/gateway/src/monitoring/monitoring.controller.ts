import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '#libs/auth';
import { MonitoringMessages, type Actor } from '#libs/contract';
import { ApiProblemResponse, ApiProblemResponses } from '#libs/http';
import { MessageClient } from '#libs/transport';
import { PageDto } from '../dto/page.dto.js';
import { UuidParamDto } from '../dto/uuid-param.dto.js';
import { ProgressQueryDto, PromisesQueryDto, VisitFilterDto, VisitsQueryDto } from './dto/monitoring-query.dto.js';
import { ProgressReplyDto, PromiseDueDto, VisitDetailDto, VisitSummaryDto } from './dto/monitoring-reply.dto.js';
import { VisitsExportService } from './visits-export.service.js';

const VisitPageDto = PageDto(VisitSummaryDto);
const PromisePageDto = PageDto(PromiseDueDto);

@ApiTags('monitoring')
@ApiBearerAuth()
@Roles('supervisor', 'admin')
@ApiProblemResponses(400, 401, 503)
@ApiProblemResponse(403, 'Not a supervisor or admin, or a supervisor naming another branch')
@Controller('monitoring')
export class MonitoringController {
  constructor(
    private readonly messages: MessageClient,
    private readonly exports: VisitsExportService,
  ) {}

  @Get('progress')
  @ApiOperation({ summary: "Each collector's day: assigned, visited, paid and promised amounts, visits by result, last sync, last position" })
  @ApiOkResponse({ type: ProgressReplyDto })
  progress(@Query() query: ProgressQueryDto, @CurrentActor() actor: Actor) {
    return this.messages.send(MonitoringMessages.progress, { actor, ...query });
  }

  @Get('visits')
  @ApiOperation({ summary: 'Visits by work date range, collector and result code, newest first' })
  @ApiOkResponse({ type: VisitPageDto })
  @ApiProblemResponse(404, 'The collector is not in your scope')
  visits(@Query() query: VisitsQueryDto, @CurrentActor() actor: Actor) {
    return this.messages.send(MonitoringMessages.visits, { actor, ...query });
  }

  @Get('visits.csv')
  @ApiOperation({ summary: 'The visits of the same filters as CSV (UTF-8, header row), streamed' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One row per visit, newest first', schema: { type: 'string' } })
  async exportVisits(@Query() filter: VisitFilterDto, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    const csv = await this.exports.open(actor, filter);
    return new StreamableFile(csv, { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="visits.csv"' });
  }

  @Get('visits/:id')
  @ApiOperation({ summary: 'One visit in full: account, collector, result, payment, promise, location, notes, expected photos' })
  @ApiOkResponse({ type: VisitDetailDto })
  @ApiProblemResponse(404, 'No such visit in your scope')
  visit(@Param() { id }: UuidParamDto, @CurrentActor() actor: Actor) {
    return this.messages.send(MonitoringMessages.visit, { actor, visitId: id });
  }

  @Get('promises')
  @ApiOperation({ summary: 'Promises to pay falling due in a date range (today by default), earliest first' })
  @ApiOkResponse({ type: PromisePageDto })
  promises(@Query() query: PromisesQueryDto, @CurrentActor() actor: Actor) {
    return this.messages.send(MonitoringMessages.promisesDue, { actor, ...query });
  }
}
