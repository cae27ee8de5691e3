import { Controller, Get, HttpStatus, Query, Res } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '#libs/auth';
import { OtaMessages, type DecideUpdateRequest, type UpdateDecision } from '#libs/contract';
import { ApiProblemResponse, ApiProblemResponses } from '#libs/http';
import { Handles } from '#libs/transport';
import { UpdateCheckQuery, UpdateOfferDto } from './update-check.dto.js';
import { UpdatesService } from './updates.service.js';

@ApiTags('ota')
@Controller('api/v1/ota')
export class UpdatesController {
  constructor(private readonly updates: UpdatesService) {}

  @Public()
  @Get('check')
  @ApiOperation({ summary: "A phone's update check: the release to install, or 204 when it is current" })
  @ApiOkResponse({ type: UpdateOfferDto })
  @ApiNoContentResponse({ description: 'The phone is current' })
  @ApiProblemResponses(400, 503)
  @ApiProblemResponse(426, '`android-unsupported`: Android older than 6.0 (API 23)')
  async check(@Query() query: UpdateCheckQuery, @Res({ passthrough: true }) response: Response): Promise<UpdateOfferDto | undefined> {
    const { update } = await this.updates.decide(query);
    if (!update) {
      response.status(HttpStatus.NO_CONTENT);
      return undefined;
    }
    return update;
  }

  /** The same decision for the gateway's login. */
  @Handles(OtaMessages.decideUpdate)
  decide(@Payload() request: DecideUpdateRequest): Promise<UpdateDecision> {
    return this.updates.decide(request);
  }
}
