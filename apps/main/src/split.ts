import { loadConfig, ConfigError } from '#libs/config';
import { APP_NAMES } from '#libs/contract';
import { launchApp, type AppProcess } from '#libs/runtime';

/**
 * `npm run start:split`: the five apps as five processes over TCP, each line
 * of output prefixed with its app. Ctrl-C stops them all; if one dies, the
 * others are stopped too so the failure is not missed.
 */
try {
  loadConfig({ ...process.env, TRANSPORT: 'tcp' });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(78);
}

const env = { ...process.env, TRANSPORT: 'tcp' };
const order = ['database', 'media', 'ota', 'collector', 'gateway'] as const satisfies readonly (typeof APP_NAMES)[number][];
const processes: AppProcess[] = order.map((app) => launchApp(app, { env }));
let stopping = false;

async function stopAll(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all([...processes].reverse().map((child) => child.stop()));
  process.exit(exitCode);
}

for (const child of processes) {
  void child.exited.then((code) => {
    if (stopping) return;
    process.stderr.write(`[${child.target}] exited with code ${code}; stopping the others\n`);
    void stopAll(1);
  });
}
process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));
