import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '#libs/auth';
import { ProblemError } from '#libs/common';
import type { Actor, ReleaseActor } from '#libs/contract';
import { ApiProblemResponse, ApiProblemResponses } from '#libs/http';
import { DiscardUploadInterceptor } from './discard-upload.interceptor.js';
import {
  ChangeReleaseDto,
  ChannelParams,
  ChannelPolicyDto,
  PublishReleaseDto,
  PublishReleaseForm,
  ReleaseDto,
  ReleaseListDto,
  ReleasesQuery,
  SetMinimumDto,
} from './release.dto.js';
import { PublishingService } from './publishing.service.js';
import { ReleasesService } from './releases.service.js';

@ApiTags('ota admin')
@ApiBearerAuth()
@ApiProblemResponses(400, 401, 403, 503)
@Roles('admin')
@Controller('api/v1/ota')
export class ReleasesController {
  constructor(
    private readonly publishing: PublishingService,
    private readonly releases: ReleasesService,
  ) {}

  @Post('releases')
  @UseInterceptors(FileInterceptor('file'), DiscardUploadInterceptor)
  @ApiOperation({ summary: 'Publish an APK; its manifest and signing certificate are read from the file' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: PublishReleaseForm })
  @ApiCreatedResponse({ type: ReleaseDto })
  @ApiProblemResponse(409, 'versionCode not above the channel latest, or another signing certificate')
  @ApiProblemResponse(413, 'Larger than OTA_MAX_APK_BYTES')
  @ApiProblemResponse(422, 'Not a valid APK, another package, or not installable on Android 6.0')
  @ApiProblemResponse(507, '`storage-full`: the disk is full; nothing was kept')
  async publish(@UploadedFile() file: Express.Multer.File | undefined, @Body() form: PublishReleaseDto, @CurrentActor() actor: Actor): Promise<ReleaseDto> {
    if (!file) throw ProblemError.validation([{ field: 'file', message: 'file must be an APK sent as a multipart file' }]);
    const release = await this.publishing.publish(file.path, form, releaseActor(actor));
    return this.releases.view(release);
  }

  @Get('releases')
  @ApiOperation({ summary: 'Every release with its check and download counters, and the channel minimums' })
  @ApiOkResponse({ type: ReleaseListDto })
  list(@Query() query: ReleasesQuery): Promise<ReleaseListDto> {
    return this.releases.list(query.channel);
  }

  @Patch('releases/:id')
  @ApiOperation({ summary: 'Change the rollout percentage or whether the release is mandatory' })
  @ApiOkResponse({ type: ReleaseDto })
  @ApiProblemResponses(404)
  change(@Param('id', ParseUUIDPipe) id: string, @Body() changes: ChangeReleaseDto, @CurrentActor() actor: Actor): Promise<ReleaseDto> {
    return this.releases.change(id, changes, releaseActor(actor));
  }

  @Post('releases/:id/halt')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop offering the release' })
  @ApiOkResponse({ type: ReleaseDto })
  @ApiProblemResponses(404)
  halt(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<ReleaseDto> {
    return this.releases.change(id, { halted: true }, releaseActor(actor));
  }

  @Post('releases/:id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Offer a halted release again' })
  @ApiOkResponse({ type: ReleaseDto })
  @ApiProblemResponses(404)
  resume(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<ReleaseDto> {
    return this.releases.change(id, { halted: false }, releaseActor(actor));
  }

  @Put('channels/:channel/minimum')
  @ApiOperation({ summary: "Set the channel's minimum supported versionCode" })
  @ApiOkResponse({ type: ChannelPolicyDto })
  @ApiProblemResponse(409, 'No live release of the channel reaches that versionCode')
  setMinimum(@Param() params: ChannelParams, @Body() body: SetMinimumDto, @CurrentActor() actor: Actor): Promise<ChannelPolicyDto> {
    return this.releases.setMinimum(params.channel, body.minVersionCode, releaseActor(actor));
  }
}

function releaseActor(actor: Actor): ReleaseActor {
  return { userId: actor.userId, username: actor.username };
}
