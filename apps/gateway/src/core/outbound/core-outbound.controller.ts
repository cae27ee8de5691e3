import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '#libs/auth';
import { ApiProblemResponses } from '#libs/http';
import { CoreOutboundMessages, type Actor } from '#libs/contract';
import { MessageClient } from '#libs/transport';
import { AcknowledgeOutboundDto, OutboundAcknowledgementDto, OutboundKindParamDto, OutboundRowsDto, TakeOutboundQueryDto } from './dto/outbound.dto.js';

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

  @Post(':kind/ack')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledges rows the core has safely stored: they are never handed out again' })
  @ApiOkResponse({ type: OutboundAcknowledgementDto })
  @ApiProblemResponses(400)
  acknowledge(@Param() { kind }: OutboundKindParamDto, @Body() { ids }: AcknowledgeOutboundDto, @CurrentActor() actor: Actor) {
    return this.messages.send(CoreOutboundMessages.acknowledge, { actor, kind, ids });
  }
}
