import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '#libs/config';
import { startupBanner, startupSummary } from './startup-banner.js';

describe('startupBanner', () => {
  it('names every address, the data directory and the demo logins', () => {
    const banner = startupBanner(startupSummary(loadConfig({ DATA_DIR: '/srv/collection', GATEWAY_PORT: '9443', OTA_PORT: '9000' })));
    expect(banner.split('\n')).toEqual([
      '',
      'Mobile Collection is running (Ctrl-C stops it)',
      '  web    https://localhost:9443/',
      '  API    https://localhost:9443/api/v1',
      '  docs   https://localhost:9443/docs',
      '  OTA    http://localhost:9000/api/v1/ota  (docs http://localhost:9000/docs)',
      '  health https://localhost:9443/health/ready',
      '  data   /srv/collection',
      '  demo   admin, supervisor1, collector1, collector2, supervisor2, collector3; password Demo-1234',
      '',
    ]);
  });

  it('offers no demo login where no demo data is loaded', () => {
    const summary = startupSummary(loadConfig({ DEMO_DATA: 'false' }));
    expect(summary.demoLogins).toBeUndefined();
    expect(startupBanner(summary)).not.toContain('demo');
  });
});
