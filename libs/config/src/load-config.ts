import { isIP } from 'node:net';
import { resolve } from 'node:path';
import {
  AppConfig,
  DB_TYPES,
  LOG_FORMATS,
  LOG_LEVELS,
  SQLITE_SYNC_MODES,
  TRANSPORTS,
  type DbType,
  type HttpLimits,
  type LogLevel,
  type NatsSettings,
  type OtaSettings,
  type SqliteSyncMode,
  type TransportKind,
} from './app-config.js';
import { ConfigError } from './config.error.js';

type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(name, `expected a number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

function readPort(env: Env, name: string, fallback: number): number {
  return readInt(env, name, fallback, 0, 65535);
}

function readChoice<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `expected one of ${choices.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

/** The same rules as an admin's password set through the API: 8 to 128 characters; a username as the API takes it. */
function readFirstAdmin(env: Env): AppConfig['firstAdmin'] {
  const password = env.FIRST_ADMIN_PASSWORD;
  const username = read(env, 'FIRST_ADMIN_USERNAME') ?? 'admin';
  if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(username))
    throw new ConfigError('FIRST_ADMIN_USERNAME', 'expected 3 to 64 lowercase letters, digits, ".", "-" or "_"');
  if (password === undefined || password === '') return null;
  if (password.length < 8 || password.length > 128) throw new ConfigError('FIRST_ADMIN_PASSWORD', 'must be 8 to 128 characters long');
  return { username, password };
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

function readTimeZone(env: Env, name: string, fallback: string): string {
  const zone = read(env, name) ?? fallback;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new ConfigError(name, `"${zone}" is not an IANA time zone`);
  }
  return zone;
}

/** A Leaflet tile URL template: http(s), with `{z}`, `{x}` and `{y}` (`{s}` and `{r}` allowed). */
function readTileUrl(env: Env, name: string): string | undefined {
  const template = read(env, name);
  if (template === undefined) return undefined;
  const missing = ['{z}', '{x}', '{y}'].filter((placeholder) => !template.includes(placeholder));
  if (missing.length > 0) throw new ConfigError(name, `must contain ${missing.join(', ')}, got "${template}"`);
  const sample = template.replace(/\{[zxysr]\}/g, 'a');
  if (!URL.canParse(sample) || !/^https?:$/.test(new URL(sample).protocol)) throw new ConfigError(name, `is not an http(s) URL template: "${template}"`);
  return template;
}

function readDbUrl(env: Env, dbType: DbType): string | undefined {
  const url = read(env, 'DB_URL');
  if (dbType === 'sqlite') return url;
  if (url === undefined) throw new ConfigError('DB_URL', `required when DB_TYPE is ${dbType}`);
  const scheme = dbType === 'postgres' ? /^postgres(ql)?:\/\// : /^(mssql|sqlserver):\/\//;
  if (!scheme.test(url)) throw new ConfigError('DB_URL', `is not a ${dbType} URL`);
  return url;
}

/**
 * A key given by the environment. Production refuses one character repeated:
 * the placeholder people type, and as guessable as no key at all.
 */
function readSecret(env: Env, name: string, production: boolean): string | undefined {
  const secret = read(env, name);
  if (secret === undefined) return undefined;
  if (secret.length < 32) throw new ConfigError(name, 'must be at least 32 characters long');
  if (production && /^(.)\1*$/su.test(secret)) throw new ConfigError(name, 'is one character repeated; production needs a random key');
  return secret;
}

/** Development makes the key under DATA_DIR; production must be given the one key every service shares. */
function readInternalKey(env: Env, production: boolean): string | undefined {
  const key = readSecret(env, 'INTERNAL_KEY', production);
  if (key === undefined && production) throw new ConfigError('INTERNAL_KEY', 'required when NODE_ENV is production');
  return key;
}

function readTlsPair(env: Env): { tlsCert: string | undefined; tlsKey: string | undefined } {
  const tlsCert = read(env, 'TLS_CERT');
  const tlsKey = read(env, 'TLS_KEY');
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    throw new ConfigError(tlsCert ? 'TLS_KEY' : 'TLS_CERT', 'TLS_CERT and TLS_KEY must be set together');
  }
  return { tlsCert, tlsKey };
}

// A Java package name: dot-separated identifiers, at least two.
const PACKAGE_NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;

function readOtaSettings(env: Env, otaPort: number): OtaSettings {
  const packageName = read(env, 'OTA_PACKAGE') ?? 'id.multifinance.collection';
  if (!PACKAGE_NAME.test(packageName)) throw new ConfigError('OTA_PACKAGE', `is not an Android package name: "${packageName}"`);
  const publicUrl = (read(env, 'OTA_PUBLIC_URL') ?? `http://localhost:${otaPort}`).replace(/\/+$/, '');
  if (!URL.canParse(publicUrl) || !/^https?:$/.test(new URL(publicUrl).protocol)) {
    throw new ConfigError('OTA_PUBLIC_URL', `is not an http(s) URL: "${publicUrl}"`);
  }
  return {
    packageName,
    maxApkBytes: readInt(env, 'OTA_MAX_APK_BYTES', 200 * 1024 * 1024, 1024 * 1024, 1024 * 1024 * 1024),
    publicUrl,
    catalogueTtlMs: readInt(env, 'OTA_CATALOGUE_TTL_MS', 5000, 0, 600000),
  };
}

// The names express (proxy-addr) knows for the private ranges.
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

function readTrustedProxies(env: Env): string[] {
  const entries = (read(env, 'TRUSTED_PROXIES') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.find((entry) => !isProxyAddress(entry));
  if (bad !== undefined) {
    throw new ConfigError('TRUSTED_PROXIES', `"${bad}" is not an IP address, a CIDR range or one of ${PROXY_RANGE_NAMES.join(', ')}`);
  }
  return entries;
}

function readRedisUrl(env: Env): string | undefined {
  const url = read(env, 'REDIS_URL');
  if (url !== undefined && !/^rediss?:\/\/[^/]/.test(url)) throw new ConfigError('REDIS_URL', 'is not a redis:// or rediss:// URL');
  return url;
}

const NATS_URL = /^(nats|tls):\/\/[^/\s]+$/;

/** The broker of `TRANSPORT=nats`: its URLs, and a user and password or a token when it asks for them. */
function readNatsSettings(env: Env, transport: TransportKind): NatsSettings | undefined {
  if (transport !== 'nats') return undefined;
  const raw = read(env, 'NATS_URL');
  if (raw === undefined) throw new ConfigError('NATS_URL', 'required when TRANSPORT is nats');
  const servers = raw
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  const bad = servers.find((url) => !NATS_URL.test(url));
  if (bad !== undefined) throw new ConfigError('NATS_URL', `"${bad}" is not a nats:// or tls:// URL (host:port, no path)`);
  const user = read(env, 'NATS_USER');
  const password = read(env, 'NATS_PASSWORD');
  const token = read(env, 'NATS_TOKEN');
  if ((user === undefined) !== (password === undefined)) {
    throw new ConfigError(user ? 'NATS_PASSWORD' : 'NATS_USER', 'NATS_USER and NATS_PASSWORD must be set together');
  }
  if (token !== undefined && user !== undefined) throw new ConfigError('NATS_TOKEN', 'give either a token or NATS_USER and NATS_PASSWORD, not both');
  return { servers, user, password, token, tlsCaFile: read(env, 'NATS_TLS_CA') };
}

function readHttpLimits(env: Env): HttpLimits {
  const headersTimeoutMs = readInt(env, 'HTTP_HEADERS_TIMEOUT_MS', 20_000, 1000, 600_000);
  const requestTimeoutMs = readInt(env, 'HTTP_REQUEST_TIMEOUT_MS', 3_600_000, 1000, 86_400_000);
  if (requestTimeoutMs < headersTimeoutMs) {
    throw new ConfigError('HTTP_REQUEST_TIMEOUT_MS', `must not be shorter than HTTP_HEADERS_TIMEOUT_MS (${headersTimeoutMs})`);
  }
  return {
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: readInt(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 5000, 100, 600_000),
    bodyGraceMs: readInt(env, 'HTTP_BODY_GRACE_MS', 10_000, 1000, 600_000),
    bodyMinBytesPerSecond: readInt(env, 'HTTP_BODY_MIN_BYTES_PER_SECOND', 4096, 1, 100 * 1024 * 1024),
  };
}

/**
 * Reads and validates every variable the services understand. Fails fast with
 * a `ConfigError` naming the first bad variable, so a misconfigured container
 * stops at start-up instead of misbehaving later.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const production = read(env, 'NODE_ENV') === 'production';
  const dbType = readChoice<DbType>(env, 'DB_TYPE', DB_TYPES, 'sqlite');
  const internalHost = read(env, 'INTERNAL_HOST') ?? '127.0.0.1';
  const otaPort = readPort(env, 'OTA_PORT', 8000);
  const transport = readChoice<TransportKind>(env, 'TRANSPORT', TRANSPORTS, 'tcp');
  return new AppConfig({
    dataDir: resolve(read(env, 'DATA_DIR') ?? './data'),
    dbType,
    dbUrl: readDbUrl(env, dbType),
    sqliteSynchronous: readChoice<SqliteSyncMode>(env, 'SQLITE_SYNCHRONOUS', SQLITE_SYNC_MODES, 'full'),
    transport,
    nats: readNatsSettings(env, transport),
    internalHost,
    serviceHosts: {
      collector: read(env, 'COLLECTOR_HOST') ?? internalHost,
      database: read(env, 'DATABASE_HOST') ?? internalHost,
      media: read(env, 'MEDIA_HOST') ?? internalHost,
      ota: read(env, 'OTA_HOST') ?? internalHost,
    },
    ports: {
      gateway: readPort(env, 'GATEWAY_PORT', 7443),
      collector: readPort(env, 'COLLECTOR_PORT', 8081),
      database: readPort(env, 'DATABASE_PORT', 8082),
      media: readPort(env, 'MEDIA_PORT', 8083),
      ota: otaPort,
      otaRpc: readPort(env, 'OTA_RPC_PORT', 8084),
    },
    jwtSecret: readSecret(env, 'JWT_SECRET', production),
    internalKey: readInternalKey(env, production),
    internalKeyPrevious: readSecret(env, 'INTERNAL_KEY_PREVIOUS', production),
    ...readTlsPair(env),
    mediaMaxBytes: readInt(env, 'MEDIA_MAX_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    storageMinFreeBytes: readInt(env, 'STORAGE_MIN_FREE_MB', 16, 0, 1024 * 1024) * 1024 * 1024,
    ota: readOtaSettings(env, otaPort),
    mediaMaxPixels: readInt(env, 'MEDIA_MAX_PIXELS', 50_000_000, 1, 268_402_689),
    photoMaxDistanceM: readInt(env, 'PHOTO_MAX_DISTANCE_M', 500, 1, 1_000_000),
    photoMaxTimeGapMinutes: readInt(env, 'PHOTO_MAX_TIME_GAP_MINUTES', 120, 1, 10_080),
    core: {
      maxBadRowsPercent: readInt(env, 'CORE_MAX_BAD_ROWS_PERCENT', 5, 0, 100),
      pollIntervalMs: readInt(env, 'CORE_POLL_INTERVAL_MS', 5000, 100, 3_600_000),
      receiptsPerCollector: readInt(env, 'CORE_RECEIPTS_PER_COLLECTOR', 500, 1, 999_999),
    },
    firstAdmin: readFirstAdmin(env),
    demoData: readBoolean(env, 'DEMO_DATA', !production),
    demoCollectors: readInt(env, 'DEMO_COLLECTORS', 3, 3, 5000),
    demoAccountsPerCollector: readInt(env, 'DEMO_ACCOUNTS_PER_COLLECTOR', 25, 1, 500),
    demoReceiptsPerCollector: readInt(env, 'DEMO_RECEIPTS_PER_COLLECTOR', 500, 1, 999_999),
    promiseWindowDays: readInt(env, 'PROMISE_WINDOW_DAYS', 7, 0, 90),
    visitClockSkewSeconds: readInt(env, 'VISIT_CLOCK_SKEW_SECONDS', 300, 0, 3600),
    rpcTimeoutMs: readInt(env, 'RPC_TIMEOUT_MS', 5000, 100, 120000),
    gatewayMaxInFlight: readInt(env, 'GATEWAY_MAX_IN_FLIGHT', 256, 1, 100_000),
    trustedProxies: readTrustedProxies(env),
    redisUrl: readRedisUrl(env),
    http: readHttpLimits(env),
    passwordChecks: {
      concurrency: readInt(env, 'PASSWORD_CHECK_CONCURRENCY', 4, 1, 64),
      queue: readInt(env, 'PASSWORD_CHECK_QUEUE', 8, 0, 1000),
    },
    workTimeZone: readTimeZone(env, 'WORK_TIMEZONE', 'Asia/Jakarta'),
    mapTileUrl: readTileUrl(env, 'MAP_TILE_URL'),
    logLevel: readChoice<LogLevel>(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    logFormat: readChoice(env, 'LOG_FORMAT', LOG_FORMATS, 'auto'),
  });
}
