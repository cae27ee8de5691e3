import { Controller, Get, Header, Logger } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { ProblemError } from '#libs/common';
import { AppConfig } from '#libs/config';
import { BrandingService } from '../branding/branding.service.js';
import { WebConfigDto } from './web-config.dto.js';

@ApiTags('web')
@Controller('web')
export class WebConfigController {
  private readonly logger = new Logger('WebConfig');

  constructor(
    private readonly config: AppConfig,
    private readonly branding: BrandingService,
  ) {}

  @Get('config')
  @Public()
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: "The web page's settings: map tiles, the work day's time zone, the logo. Public: the sign-in page needs them" })
  @ApiOkResponse({ type: WebConfigDto })
  async webConfig(): Promise<WebConfigDto> {
    return { mapTileUrl: this.config.mapTileUrl ?? null, workTimeZone: this.config.workTimeZone, logoUrl: await this.logoUrl() };
  }

  /** The page works without its logo: a media service that is down costs the logo, not the page. */
  private async logoUrl(): Promise<string | null> {
    try {
      return await this.branding.logoUrl();
    } catch (error) {
      if (!(error instanceof ProblemError) || error.problem.status !== 503) throw error;
      this.logger.warn({ msg: 'media service unreachable; the page goes without its logo', reason: error.problem.detail });
      return null;
    }
  }
}
