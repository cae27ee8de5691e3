import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '#libs/config';
import { CoreLoadBridge } from './core-load.bridge.js';

/**
 * Looks for loads the core marked ready, at start-up (which also resumes a
 * load whose apply a crash rolled back) and then every CORE_POLL_INTERVAL_MS.
 */
@Injectable()
export class CoreLoadPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CoreBridge');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly bridge: CoreLoadBridge,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.poll();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private poll(): void {
    this.bridge
      .applyReadyLoads()
      .catch((error: unknown) =>
        this.logger.warn({ msg: 'looking for ready core loads failed', error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        this.timer = setTimeout(() => this.poll(), this.config.core.pollIntervalMs);
        this.timer.unref();
      });
  }
}
