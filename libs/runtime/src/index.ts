export type { AppRuntime, RunningApp } from './app-runtime.js';
export { startMicroservice, attachMessageServer } from './start-microservice.js';
export { runStandalone } from './run-standalone.js';
export { AppProcess, launchApp, entryFileOf, type LaunchOptions, type LaunchTarget } from './launcher/app-process.js';
