import 'reflect-metadata';
import { runStandalone } from '#libs/runtime';
import { startGateway } from './gateway.app.js';

await runStandalone('gateway', startGateway);
