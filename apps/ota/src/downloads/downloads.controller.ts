import { applyDecorators, Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#libs/auth';
import { ApiProblemResponse, ApiProblemResponses } from '#libs/http';
import { APK_MEDIA_TYPE, ApkSender } from './apk-sender.js';
import { ReleaseFileParams } from './release-file.params.js';
import { DownloadsService } from './downloads.service.js';

const APK = { type: 'string', format: 'binary' } as const;

const ApiApkDownload = () =>
  applyDecorators(
    ApiProduces(APK_MEDIA_TYPE),
    ApiOkResponse({ description: 'The APK', schema: APK }),
    ApiResponse({ status: 206, description: 'The requested range', schema: APK }),
    ApiResponse({ status: 304, description: 'If-None-Match names the current ETag' }),
    ApiProblemResponse(404, 'No such release is offered'),
    ApiProblemResponses(400, 412, 416),
  );

@ApiTags('ota')
@Public()
@Controller('apk/coll')
export class DownloadsController {
  constructor(
    private readonly downloads: DownloadsService,
    private readonly sender: ApkSender,
  ) {}

  @Get('app-release.apk')
  @ApiOperation({ summary: 'The current production APK (for a browser); HEAD, Range and If-None-Match are honoured' })
  @ApiApkDownload()
  async current(@Req() request: Request, @Res() response: Response): Promise<void> {
    const release = await this.downloads.current();
    await this.sender.send(request, response, release, { immutable: false, fileName: 'app-release.apk' });
  }

  @Get(':channel/:file')
  @ApiOperation({ summary: 'One release by channel and versionCode, at a URL whose content never changes' })
  @ApiApkDownload()
  async release(@Param() params: ReleaseFileParams, @Req() request: Request, @Res() response: Response): Promise<void> {
    const release = await this.downloads.byVersion(params.channel, params.versionCode);
    await this.sender.send(request, response, release, { immutable: true, fileName: `${release.channel}-${release.versionCode}.apk` });
  }
}
