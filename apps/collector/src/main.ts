import 'reflect-metadata';
import { runStandalone } from '#libs/runtime';
import { startCollector } from './collector.app.js';

await runStandalone('collector', startCollector);
