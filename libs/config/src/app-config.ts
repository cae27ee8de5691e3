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
  mediaMaxPixels: number;
  photoMaxDistanceM: number;
  photoMaxTimeGapMinutes: number;
  demoData: boolean;
  rpcTimeoutMs: number;
  logLevel: LogLevel;

  constructor(values: AppConfig) {
    Object.assign(this, values);
  }
}
