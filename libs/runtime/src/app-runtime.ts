import type { AppConfig } from '#libs/config';
import type { InprocBus } from '#libs/transport';

/** What an app needs to start: its configuration and, in one-process mode, the shared bus. */
export interface AppRuntime {
  config: AppConfig;
  bus?: InprocBus;
}

/** A started app, as the composition root and the standalone entry see it. */
export interface RunningApp {
  close(): Promise<void>;
}
