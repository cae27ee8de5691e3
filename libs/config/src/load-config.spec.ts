import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { workspaceRoot } from '#libs/runtime';
import { ConfigError } from './config.error.js';
import { loadConfig } from './load-config.js';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const RANDOM_KEY = randomBytes(33).toString('base64url');

/** Every value `.env.example` shows, as someone copying it would set it. */
function valuesShownInEnvExample(): string[] {
  const lines = readFileSync(join(workspaceRoot(), '.env.example'), 'utf8').split('\n');
  return lines.flatMap((line) => /^[A-Z0-9_]+=(.+)$/.exec(line)?.[1] ?? []);
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      dataDir: resolve('./data'),
      dbType: 'sqlite',
      dbUrl: undefined,
      sqliteSynchronous: 'full',
      transport: 'tcp',
      nats: undefined,
      internalHost: '127.0.0.1',
      serviceHosts: { collector: '127.0.0.1', database: '127.0.0.1', media: '127.0.0.1', ota: '127.0.0.1' },
      ports: { gateway: 7443, collector: 8081, database: 8082, media: 8083, ota: 8000, otaRpc: 8084 },
      mediaMaxBytes: 10 * 1024 * 1024,
      storageMinFreeBytes: 16 * 1024 * 1024,
      ota: { packageName: 'id.multifinance.collection', maxApkBytes: 200 * 1024 * 1024, publicUrl: 'http://localhost:8000', catalogueTtlMs: 5000 },
      mediaMaxPixels: 50_000_000,
      photoMaxDistanceM: 500,
      photoMaxTimeGapMinutes: 120,
      jwtSecret: undefined,
      internalKey: undefined,
      internalKeyPrevious: undefined,
      core: { maxBadRowsPercent: 5, pollIntervalMs: 5000, receiptsPerCollector: 500 },
      demoData: true,
      demoCollectors: 3,
      demoAccountsPerCollector: 25,
      demoReceiptsPerCollector: 500,
      promiseWindowDays: 7,
      visitClockSkewSeconds: 300,
      rpcTimeoutMs: 5000,
      gatewayMaxInFlight: 256,
      trustedProxies: [],
      redisUrl: undefined,
      http: { headersTimeoutMs: 20_000, requestTimeoutMs: 3_600_000, keepAliveTimeoutMs: 5000, bodyGraceMs: 10_000, bodyMinBytesPerSecond: 4096 },
      passwordChecks: { concurrency: 4, queue: 8 },
      workTimeZone: 'Asia/Jakarta',
      mapTileUrl: undefined,
      logLevel: 'info',
      logFormat: 'auto',
    });
  });

  it('loads no demo data in production unless DEMO_DATA asks for it', () => {
    const production = { NODE_ENV: 'production', INTERNAL_KEY: RANDOM_KEY };
    expect(loadConfig(production).demoData).toBe(false);
    expect(loadConfig({ ...production, DEMO_DATA: 'true' }).demoData).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).demoData).toBe(true);
  });

  it("names a first admin only when FIRST_ADMIN_PASSWORD is given, with the API's rules for its name and password", () => {
    expect(loadConfig({}).firstAdmin).toBeNull();
    expect(loadConfig({ FIRST_ADMIN_PASSWORD: 'Pertama-2026' }).firstAdmin).toEqual({ username: 'admin', password: 'Pertama-2026' });
    expect(loadConfig({ FIRST_ADMIN_USERNAME: 'ops.admin', FIRST_ADMIN_PASSWORD: 'Pertama-2026' }).firstAdmin?.username).toBe('ops.admin');
    expect(errorOf({ FIRST_ADMIN_PASSWORD: 'short' }).variable).toBe('FIRST_ADMIN_PASSWORD');
    expect(errorOf({ FIRST_ADMIN_USERNAME: 'Ops Admin', FIRST_ADMIN_PASSWORD: 'Pertama-2026' }).variable).toBe('FIRST_ADMIN_USERNAME');
  });

  it('takes a map tile URL template with {z}, {x} and {y}', () => {
    expect(loadConfig({ MAP_TILE_URL: 'https://{s}.tiles.example/{z}/{x}/{y}.png' }).mapTileUrl).toBe('https://{s}.tiles.example/{z}/{x}/{y}.png');
  });

  it('reads every variable it is given', () => {
    const config = loadConfig({
      DATA_DIR: '/srv/staging',
      DB_TYPE: 'postgres',
      DB_URL: 'postgres://staging@db:5432/staging',
      TRANSPORT: 'inproc',
      INTERNAL_HOST: '10.0.0.5',
      DATABASE_HOST: 'database.internal',
      GATEWAY_PORT: '9443',
      OTA_RPC_PORT: '9084',
      MEDIA_MAX_BYTES: '2048',
      MEDIA_MAX_PIXELS: '24000000',
      STORAGE_MIN_FREE_MB: '256',
      PHOTO_MAX_DISTANCE_M: '250',
      PHOTO_MAX_TIME_GAP_MINUTES: '30',
      DEMO_DATA: 'false',
      JWT_SECRET: 'x'.repeat(40),
      INTERNAL_KEY: RANDOM_KEY,
      INTERNAL_KEY_PREVIOUS: 'p'.repeat(32),
      DEMO_COLLECTORS: '2000',
      DEMO_ACCOUNTS_PER_COLLECTOR: '40',
      DEMO_RECEIPTS_PER_COLLECTOR: '999999',
      CORE_RECEIPTS_PER_COLLECTOR: '2500',
      PROMISE_WINDOW_DAYS: '14',
      SQLITE_SYNCHRONOUS: 'normal',
      VISIT_CLOCK_SKEW_SECONDS: '60',
      OTA_PORT: '9000',
      OTA_PACKAGE: 'co.example.field_app',
      OTA_MAX_APK_BYTES: '52428800',
      OTA_PUBLIC_URL: 'https://updates.example.co.id/',
      OTA_CATALOGUE_TTL_MS: '0',
      TRUSTED_PROXIES: ' 10.0.0.0/8, 192.168.1.7,fd00::/8 , loopback',
      REDIS_URL: 'rediss://throttle.internal:6380/2',
      HTTP_HEADERS_TIMEOUT_MS: '5000',
      HTTP_REQUEST_TIMEOUT_MS: '600000',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000',
      HTTP_BODY_GRACE_MS: '3000',
      HTTP_BODY_MIN_BYTES_PER_SECOND: '1024',
      PASSWORD_CHECK_CONCURRENCY: '4',
      PASSWORD_CHECK_QUEUE: '0',
      GATEWAY_MAX_IN_FLIGHT: '64',
      LOG_FORMAT: 'json',
    });
    expect(config.dataDir).toBe('/srv/staging');
    expect(config.dbUrl).toBe('postgres://staging@db:5432/staging');
    expect(config.transport).toBe('inproc');
    expect(config.serviceHosts).toEqual({ collector: '10.0.0.5', database: 'database.internal', media: '10.0.0.5', ota: '10.0.0.5' });
    expect(config.ports.gateway).toBe(9443);
    expect(config.ports.otaRpc).toBe(9084);
    expect(config.mediaMaxBytes).toBe(2048);
    expect(config.mediaMaxPixels).toBe(24_000_000);
    expect(config.storageMinFreeBytes).toBe(256 * 1024 * 1024);
    expect(config.photoMaxDistanceM).toBe(250);
    expect(config.photoMaxTimeGapMinutes).toBe(30);
    expect(config.demoData).toBe(false);
    expect(config.jwtSecret).toHaveLength(40);
    expect(config.internalKey).toBe(RANDOM_KEY);
    expect(config.internalKeyPrevious).toBe('p'.repeat(32));
    expect(config.demoCollectors).toBe(2000);
    expect(config.demoAccountsPerCollector).toBe(40);
    expect(config.demoReceiptsPerCollector).toBe(999_999);
    expect(config.core.receiptsPerCollector).toBe(2500);
    expect(config.promiseWindowDays).toBe(14);
    expect(config.sqliteSynchronous).toBe('normal');
    expect(config.visitClockSkewSeconds).toBe(60);
    expect(config.trustedProxies).toEqual(['10.0.0.0/8', '192.168.1.7', 'fd00::/8', 'loopback']);
    expect(config.redisUrl).toBe('rediss://throttle.internal:6380/2');
    expect(config.http).toEqual({
      headersTimeoutMs: 5000,
      requestTimeoutMs: 600_000,
      keepAliveTimeoutMs: 65_000,
      bodyGraceMs: 3000,
      bodyMinBytesPerSecond: 1024,
    });
    expect(config.passwordChecks).toEqual({ concurrency: 4, queue: 0 });
    expect(config.gatewayMaxInFlight).toBe(64);
    expect(config.logFormat).toBe('json');
    expect(config.ota).toEqual({
      packageName: 'co.example.field_app',
      maxApkBytes: 52428800,
      publicUrl: 'https://updates.example.co.id',
      catalogueTtlMs: 0,
    });
  });

  it('reads the NATS broker of TRANSPORT=nats: its URLs and a user and password, or a token, and a CA for TLS', () => {
    const withUser = loadConfig({
      TRANSPORT: 'nats',
      NATS_URL: 'nats://broker-a:4222, tls://broker-b:4222',
      NATS_USER: 'collector',
      NATS_PASSWORD: 's3cret',
      NATS_TLS_CA: '/etc/nats/ca.pem',
    });
    expect(withUser.transport).toBe('nats');
    expect(withUser.nats).toEqual({
      servers: ['nats://broker-a:4222', 'tls://broker-b:4222'],
      user: 'collector',
      password: 's3cret',
      token: undefined,
      tlsCaFile: '/etc/nats/ca.pem',
    });
    expect(loadConfig({ TRANSPORT: 'nats', NATS_URL: 'nats://127.0.0.1:4222', NATS_TOKEN: 't0ken' }).nats).toMatchObject({ token: 't0ken', user: undefined });
    expect(loadConfig({ TRANSPORT: 'tcp', NATS_URL: 'nats://127.0.0.1:4222' }).nats).toBeUndefined();
  });

  it('builds the default public URL of downloads from OTA_PORT', () => {
    expect(loadConfig({ OTA_PORT: '9000' }).ota.publicUrl).toBe('http://localhost:9000');
  });

  it.each([
    [{ GATEWAY_PORT: 'https' }, 'GATEWAY_PORT', 'expected a whole number, got "https"'],
    [{ COLLECTOR_PORT: '70000' }, 'COLLECTOR_PORT', 'expected a number from 0 to 65535, got 70000'],
    [{ DB_TYPE: 'oracle' }, 'DB_TYPE', 'expected one of sqlite, postgres, mssql, got "oracle"'],
    [{ DB_TYPE: 'mssql' }, 'DB_URL', 'required when DB_TYPE is mssql'],
    [{ DB_TYPE: 'postgres', DB_URL: 'mssql://sa@db/staging' }, 'DB_URL', 'is not a postgres URL'],
    [{ TRANSPORT: 'carrier-pigeon' }, 'TRANSPORT', 'expected one of inproc, tcp, nats, got "carrier-pigeon"'],
    [{ TRANSPORT: 'nats' }, 'NATS_URL', 'required when TRANSPORT is nats'],
    [{ TRANSPORT: 'nats', NATS_URL: 'http://broker:4222' }, 'NATS_URL', '"http://broker:4222" is not a nats:// or tls:// URL (host:port, no path)'],
    [{ TRANSPORT: 'nats', NATS_URL: 'nats://broker:4222', NATS_USER: 'gateway' }, 'NATS_PASSWORD', 'NATS_USER and NATS_PASSWORD must be set together'],
    [
      { TRANSPORT: 'nats', NATS_URL: 'nats://broker:4222', NATS_USER: 'gateway', NATS_PASSWORD: 'pw', NATS_TOKEN: 'tk' },
      'NATS_TOKEN',
      'give either a token or NATS_USER and NATS_PASSWORD, not both',
    ],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA', 'expected true or false, got "maybe"'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET', 'must be at least 32 characters long'],
    [{ INTERNAL_KEY: 'k'.repeat(31) }, 'INTERNAL_KEY', 'must be at least 32 characters long'],
    [{ INTERNAL_KEY_PREVIOUS: 'short' }, 'INTERNAL_KEY_PREVIOUS', 'must be at least 32 characters long'],
    [{ NODE_ENV: 'production' }, 'INTERNAL_KEY', 'required when NODE_ENV is production'],
    [{ NODE_ENV: 'production', INTERNAL_KEY: 'k'.repeat(48) }, 'INTERNAL_KEY', 'is one character repeated; production needs a random key'],
    [
      { NODE_ENV: 'production', INTERNAL_KEY: RANDOM_KEY, INTERNAL_KEY_PREVIOUS: '0'.repeat(32) },
      'INTERNAL_KEY_PREVIOUS',
      'is one character repeated; production needs a random key',
    ],
    [
      { NODE_ENV: 'production', INTERNAL_KEY: RANDOM_KEY, JWT_SECRET: 'x'.repeat(40) },
      'JWT_SECRET',
      'is one character repeated; production needs a random key',
    ],
    [{ TLS_CERT: '/etc/tls/gateway.crt' }, 'TLS_KEY', 'TLS_CERT and TLS_KEY must be set together'],
    [{ WORK_TIMEZONE: 'Java/Jakarta' }, 'WORK_TIMEZONE', '"Java/Jakarta" is not an IANA time zone'],
    [{ DEMO_RECEIPTS_PER_COLLECTOR: '1000000' }, 'DEMO_RECEIPTS_PER_COLLECTOR', 'expected a number from 1 to 999999, got 1000000'],
    [{ SQLITE_SYNCHRONOUS: 'off' }, 'SQLITE_SYNCHRONOUS', 'expected one of full, normal, got "off"'],
    [{ PROMISE_WINDOW_DAYS: '-1' }, 'PROMISE_WINDOW_DAYS', 'expected a whole number, got "-1"'],
    [{ VISIT_CLOCK_SKEW_SECONDS: '7200' }, 'VISIT_CLOCK_SKEW_SECONDS', 'expected a number from 0 to 3600, got 7200'],
    [{ MEDIA_MAX_BYTES: '12' }, 'MEDIA_MAX_BYTES', 'expected a number from 1024 to 104857600, got 12'],
    [{ OTA_PACKAGE: 'collection' }, 'OTA_PACKAGE', 'is not an Android package name: "collection"'],
    [{ OTA_MAX_APK_BYTES: '1000' }, 'OTA_MAX_APK_BYTES', 'expected a number from 1048576 to 1073741824, got 1000'],
    [{ OTA_PUBLIC_URL: 'ftp://updates.example' }, 'OTA_PUBLIC_URL', 'is not an http(s) URL: "ftp://updates.example"'],
    [{ OTA_CATALOGUE_TTL_MS: '-1' }, 'OTA_CATALOGUE_TTL_MS', 'expected a whole number, got "-1"'],
    [{ MEDIA_MAX_PIXELS: '300000000' }, 'MEDIA_MAX_PIXELS', 'expected a number from 1 to 268402689, got 300000000'],
    [{ STORAGE_MIN_FREE_MB: '16MB' }, 'STORAGE_MIN_FREE_MB', 'expected a whole number, got "16MB"'],
    [{ PHOTO_MAX_DISTANCE_M: '0' }, 'PHOTO_MAX_DISTANCE_M', 'expected a number from 1 to 1000000, got 0'],
    [{ PHOTO_MAX_TIME_GAP_MINUTES: '2h' }, 'PHOTO_MAX_TIME_GAP_MINUTES', 'expected a whole number, got "2h"'],
    [
      { TRUSTED_PROXIES: '10.0.0.1,proxy.internal' },
      'TRUSTED_PROXIES',
      '"proxy.internal" is not an IP address, a CIDR range or one of loopback, linklocal, uniquelocal',
    ],
    [{ TRUSTED_PROXIES: '10.0.0.0/33' }, 'TRUSTED_PROXIES', '"10.0.0.0/33" is not an IP address, a CIDR range or one of loopback, linklocal, uniquelocal'],
    [{ TRUSTED_PROXIES: '*' }, 'TRUSTED_PROXIES', '"*" is not an IP address, a CIDR range or one of loopback, linklocal, uniquelocal'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL', 'is not a redis:// or rediss:// URL'],
    [
      { HTTP_HEADERS_TIMEOUT_MS: '60000', HTTP_REQUEST_TIMEOUT_MS: '30000' },
      'HTTP_REQUEST_TIMEOUT_MS',
      'must not be shorter than HTTP_HEADERS_TIMEOUT_MS (60000)',
    ],
    [{ HTTP_BODY_MIN_BYTES_PER_SECOND: '0' }, 'HTTP_BODY_MIN_BYTES_PER_SECOND', 'expected a number from 1 to 104857600, got 0'],
    [{ MAP_TILE_URL: 'https://tiles.example/{z}/{x}.png' }, 'MAP_TILE_URL', 'must contain {y}, got "https://tiles.example/{z}/{x}.png"'],
    [{ MAP_TILE_URL: 'javascript:{z}{x}{y}' }, 'MAP_TILE_URL', 'is not an http(s) URL template: "javascript:{z}{x}{y}"'],
    [{ LOG_FORMAT: 'colour' }, 'LOG_FORMAT', 'expected one of auto, pretty, json, got "colour"'],
    [{ PASSWORD_CHECK_CONCURRENCY: '0' }, 'PASSWORD_CHECK_CONCURRENCY', 'expected a number from 1 to 64, got 0'],
    [{ GATEWAY_MAX_IN_FLIGHT: '0' }, 'GATEWAY_MAX_IN_FLIGHT', 'expected a number from 1 to 100000, got 0'],
  ])('refuses %j naming %s', (env, variable, reason) => {
    const error = errorOf(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toBe(`Invalid environment variable ${variable}: ${reason}`);
  });

  it('takes keys of one character repeated in development only', () => {
    expect(loadConfig({ INTERNAL_KEY: 'k'.repeat(32), JWT_SECRET: 'x'.repeat(32) }).internalKey).toBe('k'.repeat(32));
    const production = loadConfig({ NODE_ENV: 'production', INTERNAL_KEY: RANDOM_KEY, JWT_SECRET: `${'x'.repeat(31)}y` });
    expect(production.internalKey).toBe(RANDOM_KEY);
    expect(production.jwtSecret).toBe(`${'x'.repeat(31)}y`);
  });

  it('refuses in production, as any key, every value .env.example shows', () => {
    const shown = [...new Set(valuesShownInEnvExample())];
    expect(shown).toEqual(expect.arrayContaining(['./data', 'Asia/Jakarta']));
    for (const variable of ['JWT_SECRET', 'INTERNAL_KEY', 'INTERNAL_KEY_PREVIOUS']) {
      for (const value of shown) {
        expect(errorOf({ NODE_ENV: 'production', INTERNAL_KEY: RANDOM_KEY, [variable]: value }).variable).toBe(variable);
      }
    }
    expect(errorOf({ NODE_ENV: 'production', INTERNAL_KEY: '' }).variable).toBe('INTERNAL_KEY');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ GATEWAY_PORT: '  ' }).ports.gateway).toBe(7443);
  });
});
