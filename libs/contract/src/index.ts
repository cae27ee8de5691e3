export { APP_NAMES, SERVICE_NAMES, isAppName, type AppName, type ServiceName } from './services.js';
export { defineMessage, type MessageDef, type RequestOf, type ReplyOf } from './message.js';
export { SystemMessages } from './system/system.messages.js';
export type {
  DatabaseDetails,
  DependencyStatus,
  EmptyRequest,
  ServiceStatus,
  StatusReply,
} from './system/service-status.js';
