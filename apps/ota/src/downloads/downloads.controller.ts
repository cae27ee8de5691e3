import { applyDecorators, Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#libs/auth';
import { APK_MEDIA_TYPE, ApkSender } from './apk-sender.js';
import { ReleaseFileParams } from './release-file.params.js';
import { DownloadsService } from './downloads.service.js';

const ApiApkDownload = () =>
  applyDecorators(
    ApiProduces(APK_MEDIA_TYPE),
    ApiOkResponse({ schema: { type: 'string', format: 'binary' } }),
    ApiResponse({ status: 206, description: 'The requested range' }),
    ApiResponse({ status: 304, description: 'If-None-Match names the current ETag' }),
    ApiResponse({ status: 416, description: 'The range lies outside the file' }),
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
