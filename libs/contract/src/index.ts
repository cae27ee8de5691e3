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
export type { Actor, BatchView, DeviceView, Role, UserView } from './collection/views.js';
export { AuthMessages, type LoginReply, type LoginRequest, type SessionCheckRequest } from './collection/auth.messages.js';
export type { BindDeviceRequest, OpenBatchRequest, UserRecord } from './store/store-records.js';
export { BatchStore, DeviceStore, UserStore } from './store/store.messages.js';
