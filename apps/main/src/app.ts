import { APP_NAMES, isAppName } from '#libs/contract';
import { entryFileOf } from '#libs/runtime';

/** `npm run start:app -- <app>`: one app in the foreground, the way a production container runs it. */
const app = process.argv[2] ?? '';
if (!isAppName(app)) {
  process.stderr.write(`usage: npm run start:app -- <${APP_NAMES.join('|')}>\n`);
  process.exit(64);
}
await import(entryFileOf(app));
