import 'reflect-metadata';
import { runStandalone } from '#libs/runtime';
import { startDatabase } from './database.app.js';

await runStandalone('database', startDatabase);
