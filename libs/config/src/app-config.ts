import type { LogFormat } from '#libs/common';

export const DB_TYPES = ['sqlite', 'postgres', 'mssql'] as const;
export type DbType = (typeof DB_TYPES)[number];

export const TRANSPORTS = ['inproc', 'tcp', 'nats'] as const;
export type TransportKind = (typeof TRANSPORTS)[number];

export const SQLITE_SYNC_MODES = ['full', 'normal'] as const;
export type SqliteSyncMode = (typeof SQLITE_SYNC_MODES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['auto', 'pretty', 'json'] as const satisfies readonly LogFormat[];

/** Where each internal service is reached by its peers. */
export interface ServiceHosts {
  collector: string;
  database: string;
  media: string;
  ota: string;
}

export interface ServicePorts {
  gateway: number;
  collector: number;
  database: number;
  media: number;
  ota: number;
  otaRpc: number;
}

/** App updates over the air. */
export interface OtaSettings {
  /** The Android package every published APK must carry. */
  packageName: string;
  /** Largest APK accepted for publishing, in bytes. */
  maxApkBytes: number;
  /** Where phones reach the ota app's downloads; update offers carry URLs under it. */
  publicUrl: string;
  /** How long the ota app answers from its copy of the release catalogue before reading it again. */
  catalogueTtlMs: number;
}

/** How the public HTTP servers (gateway, ota) treat slow clients. */
export interface HttpLimits {
  /** Time to receive a request's headers. */
  headersTimeoutMs: number;
  /** Time to receive a whole request, however fast its body arrives: the last resort for huge uploads. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** A body may take this long before its average rate is held against it... */
  bodyGraceMs: number;
  /** ...and must then have arrived at this many bytes per second on average. */
  bodyMinBytesPerSecond: number;
}

/** The NATS broker services meet on with `TRANSPORT=nats`. */
export interface NatsSettings {
  /** One or more `nats://` or `tls://` URLs of the broker's cluster. */
  servers: string[];
  user: string | undefined;
  password: string | undefined;
  token: string | undefined;
  /** A PEM file of the authority that signed the broker's certificate; set: the connection must be TLS. */
  tlsCaFile: string | undefined;
}

/** Password checks (scrypt) the collector runs at once and keeps waiting; the rest are refused at once. */
export interface PasswordCheckLimits {
  concurrency: number;
  queue: number;
}

/**
 * The validated runtime configuration. Built once per process by `loadConfig`
 * and provided to every module under this class token.
 */
/** How the core bridge treats ready loads. */
export interface CoreBridgeSettings {
  /** A load with more bad rows than this share of its rows is held for an admin; at or below, its good rows are applied. */
  maxBadRowsPercent: number;
  /** How often the database service looks for loads the core marked ready. */
  pollIntervalMs: number;
  /** Receipt numbers in the range a collector the core names gets when it has none, as demo collectors get theirs. */
  receiptsPerCollector: number;
}

export class AppConfig {
  dataDir: string;
  dbType: DbType;
  dbUrl: string | undefined;
  /** SQLite's `synchronous` pragma under WAL: `full` syncs every commit to disk, `normal` only at checkpoints. */
  sqliteSynchronous: SqliteSyncMode;
  transport: TransportKind;
  /** Set when `transport` is `nats`. */
  nats: NatsSettings | undefined;
  internalHost: string;
  serviceHosts: ServiceHosts;
  ports: ServicePorts;
  jwtSecret: string | undefined;
  /** Signs every message between services on TCP and NATS; unset (development only): a key made once under DATA_DIR. */
  internalKey: string | undefined;
  /** A second key that verifies messages but never signs them: the other key while a rotation rolls out. */
  internalKeyPrevious: string | undefined;
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  mediaMaxBytes: number;
  /** Below this much free space on the disk of the database (SQLite) or of the photos, readiness reports that storage full. */
  storageMinFreeBytes: number;
  ota: OtaSettings;
  mediaMaxPixels: number;
  photoMaxDistanceM: number;
  photoMaxTimeGapMinutes: number;
  core: CoreBridgeSettings;
  /** The admin a fresh installation without demo data starts with, made once when no admin exists; null without FIRST_ADMIN_PASSWORD. */
  firstAdmin: { username: string; password: string } | null;
  /** Load the demo installation into an empty database: on by default, except in production. */
  demoData: boolean;
  /** Collectors in the demo installation: the three named ones, then generated ones (a company-sized field for the simulator). */
  demoCollectors: number;
  /** Accounts on each demo collector's LKH and receipt numbers in each demo range. */
  demoAccountsPerCollector: number;
  demoReceiptsPerCollector: number;
  /** A promise to pay may fall on the visit's day up to this many days later. */
  promiseWindowDays: number;
  /** How far in the future (by the server's clock) a visit's time may be, for phones whose clock runs ahead. */
  visitClockSkewSeconds: number;
  rpcTimeoutMs: number;
  /** API requests the gateway works on at once; past it, `503 gateway-busy` with `Retry-After` at once instead of a queue. */
  gatewayMaxInFlight: number;
  /** Proxies whose `X-Forwarded-For` names the client (addresses, CIDR ranges, `loopback`...); empty: none. */
  trustedProxies: string[];
  /** The Redis server gateway replicas share their login throttle through; undefined: each gateway counts alone, in memory. */
  redisUrl: string | undefined;
  http: HttpLimits;
  passwordChecks: PasswordCheckLimits;
  workTimeZone: string;
  /** The map tiles of the web page (`https://tiles.example/{z}/{x}/{y}.png`); undefined: markers on a plain background. */
  mapTileUrl: string | undefined;
  logLevel: LogLevel;
  /** `auto`: readable lines on a terminal, JSON otherwise (containers, pipes, files). */
  logFormat: LogFormat;

  constructor(values: AppConfig) {
    Object.assign(this, values);
  }
}
