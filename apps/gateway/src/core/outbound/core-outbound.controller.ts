import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '#libs/auth';
import { ApiProblemResponses } from '#libs/http';
import { CoreOutboundMessages, type Actor } from '#libs/contract';
import { MessageClient } from '#libs/transport';
import {
  AcknowledgeOutboundDto,
  OutboundAcknowledgementDto,
  OutboundKindParamDto,
  OutboundRowsDto,
  TakeOutboundCsvQueryDto,
  TakeOutboundQueryDto,
} from './dto/outbound.dto.js';

/** How many rows are pending, beside a CSV page that cannot say it in its body. */
const PENDING_ROWS_HEADER = 'X-Pending-Rows';

@ApiTags('core')
@ApiBearerAuth()
@ApiProblemResponses(401, 403, 503)
@Roles('admin')
@Controller('core/outbound')
export class CoreOutboundController {
  constructor(private readonly messages: MessageClient) {}

  @Get(':kind')
  @ApiOperation({
    summary: 'Rows of an outbound table not yet acknowledged, oldest first',
    description: 'Taking changes nothing: rows come back, with the same ids, until they are acknowledged.',
  })
  @ApiOkResponse({ type: OutboundRowsDto })
  @ApiProblemResponses(400)
  take(@Param() { kind }: OutboundKindParamDto, @Query() { limit }: TakeOutboundQueryDto, @CurrentActor() actor: Actor) {
    return this.messages.send(CoreOutboundMessages.take, { actor, kind, limit });
  }

  @Get(':kind/pending.csv')
  @ApiOperation({
    summary: 'The same rows as a CSV file, as `core:export` writes it',
    description:
      'A header line of the columns, then one line per row (RFC 4180, an empty field is NULL); the `id` of each row is its first field. ' +
      'A file stops short of `limit` rows when more would not fit one message between the services (about MEDIA_MAX_BYTES). ' +
      '`X-Pending-Rows` counts the rows not yet acknowledged, these included.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The oldest pending rows', schema: { type: 'string' } })
  @ApiProblemResponses(400)
  async takeCsv(
    @Param() { kind }: OutboundKindParamDto,
    @Query() { limit }: TakeOutboundCsvQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const page = await this.messages.send(CoreOutboundMessages.takeCsv, { actor, kind, limit });
    response.set(PENDING_ROWS_HEADER, String(page.pending));
    return new StreamableFile(page.csv, { type: 'text/csv; charset=utf-8' });
  }

  @Post(':kind/ack')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledges rows the core has safely stored: they are never handed out again' })
  @ApiOkResponse({ type: OutboundAcknowledgementDto })
  @ApiProblemResponses(400)
  acknowledge(@Param() { kind }: OutboundKindParamDto, @Body() { ids }: AcknowledgeOutboundDto, @CurrentActor() actor: Actor) {
    return this.messages.send(CoreOutboundMessages.acknowledge, { actor, kind, ids });
  }
}
