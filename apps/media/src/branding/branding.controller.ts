import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BrandingMessages, type FetchLogoReply, type LogoSummary, type StoreLogoRequest } from '#libs/contract';
import { BrandingService } from './branding.service.js';

@Controller()
export class BrandingController {
  constructor(private readonly branding: BrandingService) {}

  @MessagePattern(BrandingMessages.storeLogo.pattern)
  storeLogo(@Payload() request: StoreLogoRequest): Promise<LogoSummary> {
    return this.branding.storeLogo(request);
  }

  @MessagePattern(BrandingMessages.fetchLogo.pattern)
  fetchLogo(): Promise<FetchLogoReply> {
    return this.branding.fetchLogo();
  }

  @MessagePattern(BrandingMessages.describeLogo.pattern)
  describeLogo(): Promise<LogoSummary | null> {
    return this.branding.describeLogo();
  }
}
