import 'reflect-metadata';
import { runStandalone } from '#libs/runtime';
import { startMedia } from './media.app.js';

await runStandalone('media', startMedia);
