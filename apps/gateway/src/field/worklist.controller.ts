import type { ServerResponse } from 'node:http';
import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiHeader, ApiNotModifiedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentSession, SessionCheckedInCall } from '#libs/auth';
import { FieldMessages, type SessionCheckRequest } from '#libs/contract';
import { ApiProblemResponse } from '#libs/http';
import { MessageClient } from '#libs/transport';
import { CollectorEndpoints } from './collector-endpoint.decorator.js';
import { WorklistDto } from './dto/worklist.dto.js';
import { heldEntityTags } from './entity-tag.js';

@CollectorEndpoints()
@Controller('worklist')
export class WorklistController {
  constructor(private readonly messages: MessageClient) {}

  @Get()
  @SessionCheckedInCall()
  @ApiOperation({
    summary: "Today's LKH of the open batch",
    description:
      'Assignments with what is due, result codes with their requirements, the receipt range. The ETag is the syncToken; send it back in If-None-Match to get 304 when nothing changed.',
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag (syncToken) of the copy the phone holds' })
  @ApiOkResponse({ type: WorklistDto, headers: { ETag: { description: 'Strong entity tag: the quoted syncToken', schema: { type: 'string' } } } })
  @ApiNotModifiedResponse({ description: 'The LKH is unchanged since the ETag sent' })
  @ApiProblemResponse(409, '`no-open-batch`: the batch was closed or reset; log in again')
  async worklist(
    @CurrentSession() session: SessionCheckRequest,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const document = await this.messages.send(FieldMessages.worklist, { session, heldEtags: heldEntityTags(ifNoneMatch) });
    // Node's own response API: the route is answered ahead of Express too (worklist.route.ts).
    response.setHeader('ETag', document.etag);
    response.setHeader('Cache-Control', 'private, no-cache');
    if (document.body === null) {
      response.statusCode = 304;
      response.end();
      return;
    }
    // The JSON was rendered once when the batch opened: its bytes are sent as stored, not parsed and written again.
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Content-Length', document.body.length);
    response.end(document.body);
  }
}
