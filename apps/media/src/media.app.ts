import { startMicroservice, type AppRuntime, type RunningApp } from '#libs/runtime';
import { MediaModule } from './media.module.js';

export function startMedia(runtime: AppRuntime): Promise<RunningApp> {
  return startMicroservice(MediaModule.forRoot(runtime), 'media', runtime);
}
