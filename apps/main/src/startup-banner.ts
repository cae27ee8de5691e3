import type { AppConfig } from '#libs/config';
import { DEMO_PASSWORD, DEMO_USERS } from '../../database/src/demo/demo-catalog.js';

/** Where a developer who just ran `npm start` finds everything. */
export interface StartupSummary {
  urls: { web: string; api: string; docs: string; ota: string; otaDocs: string; health: string };
  dataDir: string;
  /** The demo accounts, when the demo installation is on. */
  demoLogins: string[] | undefined;
}

export function startupSummary(config: AppConfig): StartupSummary {
  const gateway = `https://localhost:${config.ports.gateway}`;
  return {
    urls: {
      web: `${gateway}/`,
      api: `${gateway}/api/v1`,
      docs: `${gateway}/docs`,
      ota: `${config.ota.publicUrl}/api/v1/ota`,
      otaDocs: `${config.ota.publicUrl}/docs`,
      health: `${gateway}/health/ready`,
    },
    dataDir: config.dataDir,
    demoLogins: config.demoData ? DEMO_USERS.map((user) => user.username) : undefined,
  };
}

/** The summary as the last lines a terminal shows after start-up. */
export function startupBanner({ urls, dataDir, demoLogins }: StartupSummary): string {
  const rows: [string, string][] = [
    ['web', urls.web],
    ['API', urls.api],
    ['docs', urls.docs],
    ['OTA', `${urls.ota}  (docs ${urls.otaDocs})`],
    ['health', urls.health],
    ['data', dataDir],
  ];
  if (demoLogins) rows.push(['demo', `${demoLogins.join(', ')}; password ${DEMO_PASSWORD}`]);
  const lines = rows.map(([label, value]) => `  ${label.padEnd(7)}${value}`);
  return ['', 'Mobile Collection is running (Ctrl-C stops it)', ...lines, ''].join('\n');
}
