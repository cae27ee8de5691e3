import { mkdirSync } from 'node:fs';
import { startMicroservice, type AppRuntime, type RunningApp } from '#libs/runtime';
import { DatabaseModule } from './database.module.js';

export async function startDatabase(runtime: AppRuntime): Promise<RunningApp> {
  mkdirSync(runtime.config.dataDir, { recursive: true });
  return startMicroservice(DatabaseModule.forRoot(runtime), 'database', runtime);
}
