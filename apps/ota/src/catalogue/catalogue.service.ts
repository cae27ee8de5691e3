import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '#libs/config';
import { ReleaseStore, type ReleaseCatalogue } from '#libs/contract';
import { MessageClient } from '#libs/transport';

/**
 * The ota app's copy of the release catalogue, so checks and downloads need
 * no database round trip. It is read again when older than
 * OTA_CATALOGUE_TTL_MS (in the background while the old copy answers), at
 * once after a change made here, and kept when the database cannot be
 * reached, so downloads go on while it is down.
 */
@Injectable()
export class CatalogueService {
  private readonly logger = new Logger(CatalogueService.name);
  private cached: { catalogue: ReleaseCatalogue; loadedAt: number } | undefined;
  private stale = true;
  private loading: Promise<ReleaseCatalogue> | undefined;

  constructor(
    private readonly messages: MessageClient,
    private readonly config: AppConfig,
  ) {}

  async current(): Promise<ReleaseCatalogue> {
    const cached = this.cached;
    if (cached && !this.stale) {
      if (Date.now() - cached.loadedAt >= this.config.ota.catalogueTtlMs) {
        this.reload().catch((error: unknown) => this.logger.warn({ err: error }, 'could not refresh the release catalogue'));
      }
      return cached.catalogue;
    }
    try {
      return await this.reload();
    } catch (error) {
      if (!cached) throw error;
      this.logger.warn({ err: error }, 'answering from the last release catalogue read');
      return cached.catalogue;
    }
  }

  /** Makes the next answer come from the database: a release or channel was just changed. */
  invalidate(): void {
    this.stale = true;
  }

  private reload(): Promise<ReleaseCatalogue> {
    this.loading ??= this.messages
      .send(ReleaseStore.catalogue, {})
      .then((catalogue) => {
        this.cached = { catalogue, loadedAt: Date.now() };
        this.stale = false;
        return catalogue;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}
