import 'reflect-metadata';
import { runStandalone } from '#libs/runtime';
import { startOta } from './ota.app.js';

await runStandalone('ota', startOta);
