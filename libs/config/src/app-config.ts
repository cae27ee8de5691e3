export const DB_TYPES = ['sqlite', 'postgres', 'mssql'] as const;
export type DbType = (typeof DB_TYPES)[number];

export const TRANSPORTS = ['inproc', 'tcp'] as const;
export type TransportKind = (typeof TRANSPORTS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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

/**
 * The validated runtime configuration. Built once per process by `loadConfig`
 * and provided to every module under this class token.
 */
export class AppConfig {
  dataDir: string;
  dbType: DbType;
  dbUrl: string | undefined;
  transport: TransportKind;
  internalHost: string;
  serviceHosts: ServiceHosts;
  ports: ServicePorts;
  jwtSecret: string | undefined;
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  mediaMaxBytes: number;
  ota: OtaSettings;
  mediaMaxPixels: number;
  photoMaxDistanceM: number;
  photoMaxTimeGapMinutes: number;
  demoData: boolean;
  rpcTimeoutMs: number;
  workTimeZone: string;
  logLevel: LogLevel;

  constructor(values: AppConfig) {
    Object.assign(this, values);
  }
}
