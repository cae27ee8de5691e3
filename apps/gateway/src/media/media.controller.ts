import { Body, Controller, Get, Headers, Param, Post, Query, Req, Res, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentActor, Roles } from '#libs/auth';
import type { Actor } from '#libs/contract';
import { ProblemError } from '#libs/common';
import { ApiProblemResponse, ApiProblemResponses } from '#libs/http';
import { PhotoDto, PhotoParamsDto, PhotoQueryDto, UploadPhotoDto } from './media.dto.js';
import { declaredHash, MediaService } from './media.service.js';
import { PhotoTooLargeFilter } from './photo-too-large.filter.js';

@ApiTags('media')
@ApiBearerAuth()
@ApiProblemResponses(401)
@Controller('media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Post()
  @Roles('collector')
  @UseInterceptors(FileInterceptor('file'))
  @UseFilters(PhotoTooLargeFilter)
  @ApiOperation({ summary: 'Upload one proof photo (JPEG, PNG or WebP) with its SHA-256; stored once under that hash' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'The photo' },
        sha256: { type: 'string', description: 'SHA-256 of the file in hex; or send the X-Content-SHA256 header' },
      },
    },
  })
  @ApiHeader({ name: 'X-Content-SHA256', required: false, description: 'SHA-256 of the file in hex, instead of the sha256 field' })
  @ApiCreatedResponse({ type: PhotoDto, description: 'Stored' })
  @ApiOkResponse({ type: PhotoDto, description: 'Already stored; nothing was written' })
  @ApiProblemResponse(400, 'No file, a malformed hash, or a hash that does not match the file')
  @ApiProblemResponse(403, 'Only collectors')
  @ApiProblemResponse(413, 'Larger than MEDIA_MAX_BYTES')
  @ApiProblemResponse(415, 'Not a JPEG, PNG or WebP image, whatever its name or declared type')
  @ApiProblemResponse(422, 'Truncated or damaged, or more pixels than MEDIA_MAX_PIXELS')
  @ApiProblemResponse(503, 'The media service is down; retry after Retry-After seconds')
  @ApiProblemResponse(507, "`storage-full`: the server's disk is full; nothing was stored. Send it again after Retry-After")
  async upload(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: UploadPhotoDto,
    @Headers('x-content-sha256') hashHeader: string | undefined,
    @CurrentActor() actor: Actor,
    @Res() response: Response,
  ): Promise<void> {
    if (!file) throw ProblemError.validation([{ field: 'file', message: 'file is required: the photo as a multipart part named "file"' }]);
    const { photo, created } = await this.media.store(file.buffer, declaredHash(body.sha256, hashHeader), actor);
    response.status(created ? 201 : 200).json(photo);
  }

  @Get(':sha256')
  @ApiOperation({ summary: 'A proof photo, the original bytes or (variant=thumb) a JPEG thumbnail; for its uploader, supervisors of their branch and admins' })
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  @ApiOkResponse({ description: 'The image; immutable, with an ETag', schema: { type: 'string', format: 'binary' } })
  @ApiNotModifiedResponse({ description: 'If-None-Match names the current ETag' })
  @ApiProblemResponse(400, 'A malformed hash or variant')
  @ApiProblemResponse(403, 'Someone else’s photo')
  @ApiProblemResponse(404, 'No such photo')
  @ApiProblemResponse(503, 'The media service is down; retry after Retry-After seconds')
  async download(
    @Param() params: PhotoParamsDto,
    @Query() query: PhotoQueryDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const sha256 = params.sha256.toLowerCase();
    const variant = query.variant ?? 'original';
    await this.media.viewablePhoto(sha256, actor);
    // A photo never changes under its hash: the browser and the phone may keep it for good.
    response.set({
      ETag: `"${variant === 'thumb' ? `${sha256}.thumb` : sha256}"`,
      'Cache-Control': 'private, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    });
    if (request.fresh) {
      response.status(304).end();
      return;
    }
    const content = await this.media.content(sha256, variant);
    response.status(200).type(content.type).send(content.bytes);
  }
}
