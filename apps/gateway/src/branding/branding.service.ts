import { Injectable } from '@nestjs/common';
import { ProblemError } from '#libs/common';
import { BrandingMessages, type LogoSummary } from '#libs/contract';
import { MessageClient } from '#libs/transport';

@Injectable()
export class BrandingService {
  constructor(private readonly messages: MessageClient) {}

  async logo(): Promise<{ logo: LogoSummary; content: Buffer }> {
    const { logo, contentBase64 } = await this.messages.send(BrandingMessages.fetchLogo, {});
    if (!logo || contentBase64 === null) throw ProblemError.notFound('No logo has been uploaded');
    return { logo, content: Buffer.from(contentBase64, 'base64') };
  }

  storeLogo(content: Buffer): Promise<LogoSummary> {
    return this.messages.send(BrandingMessages.storeLogo, { contentBase64: content.toString('base64') });
  }

  /** The logo's address for pages: versioned by its content, so it can be cached for good and a new logo is a new URL. */
  async logoUrl(): Promise<string | null> {
    const logo = await this.messages.send(BrandingMessages.describeLogo, {});
    return logo ? `/api/v1/branding/logo?v=${this.versionOf(logo)}` : null;
  }

  versionOf(logo: LogoSummary): string {
    return logo.sha256.slice(0, 16);
  }
}
