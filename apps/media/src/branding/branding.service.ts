import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { makeProblem, ProblemError } from '#libs/common';
import { LOGO_MAX_BYTES, type FetchLogoReply, type LogoSummary, type StoreLogoRequest } from '#libs/contract';
import { PhotoInspector } from '../photos/photo.inspector.js';
import { LogoStorage } from './logo.storage.js';

/** The company logo: checked as strictly as a proof photo (real type from the bytes, every pixel decoded), then kept as sent. */
@Injectable()
export class BrandingService {
  constructor(
    private readonly inspector: PhotoInspector,
    private readonly storage: LogoStorage,
  ) {}

  async storeLogo(request: StoreLogoRequest): Promise<LogoSummary> {
    const content = Buffer.from(request.contentBase64, 'base64');
    if (content.length > LOGO_MAX_BYTES) {
      throw new ProblemError(makeProblem(413, 'logo-too-large', `The logo is ${content.length} bytes; at most ${LOGO_MAX_BYTES} are accepted`));
    }
    const { type, width, height } = await this.inspector.inspect(content);
    const summary: LogoSummary = {
      sha256: createHash('sha256').update(content).digest('hex'),
      type,
      size: content.length,
      width,
      height,
      updatedAt: new Date().toISOString(),
    };
    await this.storage.save(summary, content);
    return summary;
  }

  async fetchLogo(): Promise<FetchLogoReply> {
    const stored = await this.storage.read();
    return { logo: stored?.summary ?? null, contentBase64: stored?.contentBase64 ?? null };
  }

  async describeLogo(): Promise<LogoSummary | null> {
    return (await this.storage.read())?.summary ?? null;
  }
}
