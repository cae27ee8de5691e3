import { startMicroservice, type AppRuntime, type RunningApp } from '#libs/runtime';
import { CollectorModule } from './collector.module.js';

export function startCollector(runtime: AppRuntime): Promise<RunningApp> {
  return startMicroservice(CollectorModule.forRoot(runtime), 'collector', runtime);
}
