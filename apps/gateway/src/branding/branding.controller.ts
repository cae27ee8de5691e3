import { Controller, Get, HttpCode, Put, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiNotModifiedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, Roles } from '#libs/auth';
import { ProblemError } from '#libs/common';
import { ApiProblemResponse, ApiProblemResponses } from '#libs/http';
import { LogoSummaryDto, LogoVersionQueryDto } from './branding.dto.js';
import { BrandingService } from './branding.service.js';

@ApiTags('branding')
@Controller()
export class BrandingController {
  constructor(private readonly branding: BrandingService) {}

  @Get('branding/logo')
  @Public()
  @ApiOperation({
    summary: 'The company logo, for the web page and the phones, without a token (it is shown before sign-in and is no secret)',
    description:
      'With `v` naming the current logo (the first 16 hex digits of its SHA-256, as `/web/config` links it) the reply may be kept for good; without it, it is revalidated with its ETag.',
  })
  @ApiProduces('image/png', 'image/jpeg', 'image/webp')
  @ApiOkResponse({ description: 'The logo', schema: { type: 'string', format: 'binary' } })
  @ApiNotModifiedResponse({ description: 'If-None-Match names the current ETag' })
  @ApiProblemResponse(404, 'No logo has been uploaded')
  @ApiProblemResponses(503)
  async logo(@Query() query: LogoVersionQueryDto, @Req() request: Request, @Res() response: Response): Promise<void> {
    const { logo, content } = await this.branding.logo();
    response.set({
      ETag: `"${logo.sha256}"`,
      'Cache-Control': query.v === this.branding.versionOf(logo) ? 'public, max-age=31536000, immutable' : 'public, no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (request.fresh) {
      response.status(304).end();
      return;
    }
    response.status(200).type(logo.type).send(content);
  }

  @Put('admin/branding/logo')
  @Roles('admin')
  @ApiBearerAuth()
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({ summary: 'Replace the company logo (PNG, JPEG or WebP, at most 1 MB)' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: LogoSummaryDto })
  @ApiProblemResponses(400, 401, 403, 503)
  @ApiProblemResponse(413, 'Larger than 1 MB')
  @ApiProblemResponse(415, 'Not a PNG, JPEG or WebP image')
  @ApiProblemResponse(422, 'A damaged image')
  uploadLogo(@UploadedFile() file: Express.Multer.File | undefined): Promise<LogoSummaryDto> {
    if (!file) throw ProblemError.validation([{ field: 'file', message: 'file is required: the logo as a multipart part named "file"' }]);
    return this.branding.storeLogo(file.buffer);
  }
}
