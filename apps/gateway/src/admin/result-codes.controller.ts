import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '#libs/auth';
import { AdminMessages, type Actor } from '#libs/contract';
import { ApiProblemResponse, ApiProblemResponses } from '#libs/http';
import { MessageClient } from '#libs/transport';
import { CreateResultCodeDto, ResultCodeDto, ResultCodeParamDto, UpdateResultCodeDto } from './dto/result-code.dto.js';

@ApiTags('admin')
@ApiBearerAuth()
@ApiProblemResponses(401, 403, 503)
@Roles('admin')
@Controller('admin/result-codes')
export class ResultCodesController {
  constructor(private readonly messages: MessageClient) {}

  @Get()
  @ApiOperation({ summary: 'Every result code with its requirements, inactive ones included' })
  @ApiOkResponse({ type: [ResultCodeDto] })
  list(@CurrentActor() actor: Actor) {
    return this.messages.send(AdminMessages.listResultCodes, { actor });
  }

  @Post()
  @ApiOperation({ summary: 'Add a result code and what a visit with it must carry' })
  @ApiCreatedResponse({ type: ResultCodeDto })
  @ApiProblemResponses(400)
  @ApiProblemResponse(409, 'The code exists')
  create(@Body() dto: CreateResultCodeDto, @CurrentActor() actor: Actor) {
    return this.messages.send(AdminMessages.createResultCode, { actor, ...dto });
  }

  @Patch(':code')
  @ApiOperation({ summary: "Change a code's label, requirements, order or active flag; the code itself never changes" })
  @ApiOkResponse({ type: ResultCodeDto })
  @ApiProblemResponses(400, 404)
  update(@Param() { code }: ResultCodeParamDto, @Body() dto: UpdateResultCodeDto, @CurrentActor() actor: Actor) {
    return this.messages.send(AdminMessages.updateResultCode, { actor, code, ...dto });
  }
}
