import type { Readable } from 'node:stream';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '#libs/auth';
import { ApiProblemResponses } from '#libs/http';
import { CoreMessages, type Actor } from '#libs/contract';
import { MessageClient } from '#libs/transport';
import { CoreErrorsExportService } from './core-errors-export.service.js';
import { CoreUploadService } from './core-upload.service.js';
import { CoreLoadDto, CoreLoadPageDto, CoreLoadParamDto, CoreLoadQueryDto, CoreRowsParamDto, NewCoreLoadDto } from './dto/core-load.dto.js';

@ApiTags('core')
@ApiBearerAuth()
@ApiProblemResponses(401, 403, 503)
@Roles('admin')
@Controller('core/loads')
export class CoreLoadsController {
  constructor(
    private readonly messages: MessageClient,
    private readonly upload: CoreUploadService,
    private readonly errorsExport: CoreErrorsExportService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Loads the core supplied, newest first, by status or content hash' })
  @ApiOkResponse({ type: CoreLoadPageDto })
  @ApiProblemResponses(400)
  list(@Query() query: CoreLoadQueryDto, @CurrentActor() actor: Actor) {
    return this.messages.send(CoreMessages.listLoads, { actor, ...query });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One load: its state and row counts' })
  @ApiOkResponse({ type: CoreLoadDto })
  @ApiProblemResponses(400, 404)
  get(@Param() { id }: CoreLoadParamDto, @CurrentActor() actor: Actor) {
    return this.messages.send(CoreMessages.getLoad, { actor, loadId: id });
  }

  @Get(':id/errors.csv')
  @ApiOperation({ summary: "The load's row errors: table, row number, field, code, message (no personal data)" })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One row per row error, by table and row number', schema: { type: 'string' } })
  @ApiProblemResponses(400, 404)
  async errors(@Param() { id }: CoreLoadParamDto, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    const csv = await this.errorsExport.open(actor, id);
    return new StreamableFile(csv, { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="core-load-${id}-errors.csv"` });
  }

  @Post()
  @ApiOperation({ summary: 'Begin a load over the files route; an applied load with the same content hash is answered instead' })
  @ApiCreatedResponse({ type: CoreLoadDto })
  @ApiProblemResponses(400, 409)
  begin(@Body() dto: NewCoreLoadDto, @CurrentActor() actor: Actor) {
    return this.messages.send(CoreMessages.beginLoad, { actor, ...dto });
  }

  @Put(':id/rows/:table')
  @ApiOperation({ summary: "Add a CSV file's rows to a loading load (collector, account or assignment rows), streamed" })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ schema: { properties: { received: { type: 'integer' } } } })
  @ApiProblemResponses(400, 404, 409, 413)
  rows(@Param() { id, table }: CoreRowsParamDto, @Req() request: Readable, @CurrentActor() actor: Actor) {
    return this.upload.receive(actor, id, table, request);
  }

  @Post(':id/ready')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a loading load ready: the bridge applies it' })
  @ApiOkResponse({ type: CoreLoadDto })
  @ApiProblemResponses(400, 404, 409)
  ready(@Param() { id }: CoreLoadParamDto, @CurrentActor() actor: Actor) {
    return this.messages.send(CoreMessages.markReady, { actor, loadId: id });
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply a held load anyway: its good rows, leaving the bad ones listed' })
  @ApiOkResponse({ type: CoreLoadDto })
  @ApiProblemResponses(400, 404, 409)
  accept(@Param() { id }: CoreLoadParamDto, @CurrentActor() actor: Actor) {
    return this.messages.send(CoreMessages.acceptLoad, { actor, loadId: id });
  }
}
