import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentActor } from '#libs/auth';
import { FieldMessages, type Actor } from '#libs/contract';
import { ApiProblemResponse } from '#libs/http';
import { MessageClient } from '#libs/transport';
import { CollectorEndpoints } from './collector-endpoint.decorator.js';
import { BatchMismatchProblemDto, CloseBatchDto, CloseBatchReplyDto } from './dto/close-batch.dto.js';
import { DeviceResetReplyDto, SyncStatusDto } from './dto/sync-status.dto.js';

@CollectorEndpoints()
@Controller()
export class BatchController {
  constructor(private readonly messages: MessageClient) {}

  @Get('sync/status')
  @ApiOperation({ summary: 'What the server holds for the open batch: visits, totals, photos expected, received and missing' })
  @ApiOkResponse({ type: SyncStatusDto })
  @ApiProblemResponse(409, '`no-open-batch`: log in again')
  syncStatus(@CurrentActor() actor: Actor): Promise<SyncStatusDto> {
    return this.messages.send(FieldMessages.syncStatus, { actor });
  }

  @Post('batch/close')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close the batch at day end',
    description:
      "The server reconciles the phone's visit ids and totals with its own and closes only when they agree; the next login opens a new batch. Missing photos do not prevent the close; sync status reports them.",
  })
  @ApiOkResponse({ type: CloseBatchReplyDto })
  @ApiProblemResponse(400, 'A malformed summary, naming the fields')
  @ApiProblemResponse(
    409,
    '`batch-mismatch`: phone and server differ (nothing closed; the differences are named). `no-open-batch`: already closed or reset',
    BatchMismatchProblemDto,
  )
  close(@CurrentActor() actor: Actor, @Body() dto: CloseBatchDto): Promise<CloseBatchReplyDto> {
    return this.messages.send(FieldMessages.closeBatch, { actor, phone: dto });
  }

  @Post('device/reset')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The phone wiped its data',
    description:
      'Closes the open batch as reset (audited) and returns what the server holds of it. The next login is online and opens a new batch on the current LKH; visits sent again keep answering duplicate.',
  })
  @ApiOkResponse({ type: DeviceResetReplyDto })
  reset(@CurrentActor() actor: Actor): Promise<DeviceResetReplyDto> {
    return this.messages.send(FieldMessages.resetDevice, { actor });
  }
}
