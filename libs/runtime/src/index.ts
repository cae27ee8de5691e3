export type { AppRuntime, RunningApp } from './app-runtime.js';
export { startMicroservice, attachMessageServer } from './start-microservice.js';
export { boundHeapGrowth, HEAP_ALLOWANCE_FLOOR_FLAG } from './heap-growth.js';
export { runStandalone } from './run-standalone.js';
export { AppProcess, launchApp, entryFileOf, printWithPrefix, type LaunchOptions, type LaunchTarget, type ProcessExit } from './launcher/app-process.js';
export { AppSupervisor, type SupervisionEvent } from './launcher/app-supervisor.js';
export { logSupervisionEvent } from './launcher/supervision-log.js';
export { describeProcess } from './process-status.js';
export { workspaceRoot } from './workspace.js';
