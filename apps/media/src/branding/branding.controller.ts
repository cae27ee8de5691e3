import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BrandingMessages, type FetchLogoReply, type LogoSummary, type StoreLogoRequest } from '#libs/contract';
import { Handles } from '#libs/transport';
import { BrandingService } from './branding.service.js';

@Controller()
export class BrandingController {
  constructor(private readonly branding: BrandingService) {}

  @Handles(BrandingMessages.storeLogo)
  storeLogo(@Payload() request: StoreLogoRequest): Promise<LogoSummary> {
    return this.branding.storeLogo(request);
  }

  @Handles(BrandingMessages.fetchLogo)
  fetchLogo(): Promise<FetchLogoReply> {
    return this.branding.fetchLogo();
  }

  @Handles(BrandingMessages.describeLogo)
  describeLogo(): Promise<LogoSummary | null> {
    return this.branding.describeLogo();
  }
}
