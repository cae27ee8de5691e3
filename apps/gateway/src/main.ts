import 'reflect-metadata';
import { boundHeapGrowth, runStandalone } from '#libs/runtime';

// Before the app's modules load, as in the one process (apps/main/src/main.ts): a full collection made while they load
// would leave the heap V8's default allowance, up to fourfold, to fill before the next.
boundHeapGrowth();
const { startGateway } = await import('./gateway.app.js');
await runStandalone('gateway', startGateway);
