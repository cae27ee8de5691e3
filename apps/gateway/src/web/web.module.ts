import { Module } from '@nestjs/common';
import { BrandingModule } from '../branding/branding.module.js';
import { WebConfigController } from './web-config.controller.js';

/** `/web/config`: what the web page needs to know before sign-in. The page's files are served by `serveWebPage`. */
@Module({
  imports: [BrandingModule],
  controllers: [WebConfigController],
})
export class WebModule {}
