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
export type {
  AssignmentView,
  BatchTotals,
  CloseBatchReply,
  DeviceResetReply,
  GeoPoint,
  PhoneBatchSummary,
  PhotoProgress,
  ReceiptRangeView,
  Reconciliation,
  ResultCodeRequirements,
  ResultCodeView,
  SyncStatusView,
  TotalsDifference,
  VisitContent,
  VisitIssue,
  VisitOutcome,
  VisitOutcomeStatus,
  VisitSyncView,
  VisitView,
  WorklistView,
} from './collection/field-views.js';
export { FieldMessages, type SubmitVisitsRequest, type VisitSubmission } from './collection/field.messages.js';
export type {
  AssignmentRecord,
  BatchVisitsRecord,
  CloseBatchRequest,
  CollectionDayRecord,
  ResetBatchRecord,
  ResetBatchRequest,
  ResultCodeRecord,
  VisitFiling,
  VisitRecordRequest,
} from './store/field-store-records.js';
export { VisitStore, WorklistStore } from './store/field-store.messages.js';
export { OtaMessages } from './ota/ota.messages.js';
export { ReleaseMessages } from './ota/release.messages.js';
export {
  DEFAULT_CHANNEL,
  MIN_ANDROID_SDK,
  type ChannelMinimumChange,
  type ChannelPolicy,
  type DecideUpdateRequest,
  type NewRelease,
  type ReleaseActor,
  type ReleaseCatalogue,
  type ReleaseChanges,
  type ReleaseCounts,
  type ReleaseRecord,
  type UpdateDecision,
  type UpdateOffer,
} from './ota/release.js';
