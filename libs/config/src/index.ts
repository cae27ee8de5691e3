export {
  AppConfig,
  DB_TYPES,
  TRANSPORTS,
  type DbType,
  type TransportKind,
  type LogLevel,
  type ServicePorts,
  type ServiceHosts,
  type OtaSettings,
  type HttpLimits,
  type NatsSettings,
  type SqliteSyncMode,
} from './app-config.js';
export { ConfigError } from './config.error.js';
export { ConfigModule } from './config.module.js';
export { loadConfig } from './load-config.js';
