export { APP_NAMES, SERVICE_NAMES, isAppName, type AppName, type ServiceName } from './services.js';
export { defineMessage, type MessageDef, type MessageName, type RequestOf, type ReplyOf } from './message.js';
export { PROBLEM_CODES, type ProblemCode } from './problem/problem-codes.js';
export { SystemMessages } from './system/system.messages.js';
export type { DatabaseDetails, DependencyStatus, EmptyRequest, ServiceStatus, StatusReply } from './system/service-status.js';
export type { Actor, BatchView, DeviceView, Role, UserView } from './collection/views.js';
export { AuthMessages, type LoginReply, type LoginRequest, type SessionCheckRequest, type SessionStanding } from './collection/auth.messages.js';
export type { BindDeviceRequest, OpenBatchRequest, SessionRecord, UserRecord } from './store/session.records.js';
export { UserStore } from './store/user.store.js';
export { DeviceStore } from './store/device.store.js';
export { BatchStore } from './store/batch.store.js';
export type {
  AssignmentView,
  BatchTotals,
  CloseBatchReply,
  DeviceResetReply,
  OfferedResultCode,
  PhoneBatchSummary,
  PhotoProgress,
  Reconciliation,
  SyncStatusView,
  TotalsDifference,
  VisitContent,
  VisitIssue,
  VisitOutcome,
  VisitSyncView,
  VisitView,
  WorklistDownload,
  WorklistRequest,
  WorklistView,
} from './collection/field-views.js';
export { VISIT_ISSUE_CODES, VISIT_OUTCOME_STATUSES, type VisitIssueCode, type VisitOutcomeStatus } from './collection/visit-issues.js';
export { FieldMessages, type SubmitVisitsRequest, type VisitSubmission } from './collection/field.messages.js';
export type {
  AssignmentRecord,
  BatchVisitsRecord,
  CanonicalVisitRecord,
  CloseBatchRequest,
  CollectionDayRecord,
  ReceiptRangeRecord,
  ResetBatchRecord,
  ResetBatchRequest,
  ResultCodeRecord,
  VisitRuleSettingsRecord,
  VisitUploadRecord,
} from './store/field.records.js';
export { WorklistStore } from './store/worklist.store.js';
export { VisitStore } from './store/visit.store.js';
export { OtaMessages } from './ota/ota.messages.js';
export { ReleaseStore } from './store/release.store.js';
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
  type ReleaseCountsFlush,
  type ReleaseRecord,
  type UpdateDecision,
  type UpdateOffer,
} from './ota/release.js';
export type { Page, PageRequest } from './collection/paging.js';
export {
  AdminMessages,
  type AssignReceiptRangeRequest,
  type AuditEntryView,
  type CreateResultCodeRequest,
  type CreateUserRequest,
  type DeviceActionRequest,
  type DeviceStatusName,
  type DeviceSummary,
  type ListAuditRequest,
  type ListDevicesRequest,
  type ListUsersRequest,
  type ReceiptRangeView,
  type ResetPasswordRequest,
  type ResultCodeView,
  type ResultRequirements,
  type UpdateResultCodeRequest,
  type UpdateUserRequest,
  type UserSummary,
} from './collection/admin.messages.js';
export {
  MonitoringMessages,
  type CollectorProgress,
  type CollectorRef,
  type PhotoAssessment,
  type PhotoEvidence,
  type Position,
  type ProgressReply,
  type ProgressRequest,
  type PromiseDue,
  type PromisesDueRequest,
  type VisitDetail,
  type VisitFilter,
  type VisitPhotoView,
  type VisitsRequest,
  type VisitSummary,
} from './collection/monitoring.messages.js';
export type {
  AuditQuery,
  BranchRecord,
  ChangeBy,
  DeviceEnd,
  DeviceQuery,
  NewResultCode,
  NewUserRecord,
  PasswordChange,
  ReceiptRangeChange,
  ResultCodeChange,
  UserChange,
  UserQuery,
} from './store/admin.records.js';
export { BranchStore } from './store/branch.store.js';
export { ResultCodeStore } from './store/result-code.store.js';
export { AuditStore } from './store/audit.store.js';
export type {
  BranchScope,
  ExpectedPhotos,
  ExpectedPhotosQuery,
  ProgressQuery,
  PromiseQuery,
  StoredProgress,
  StoredVisit,
  StoredVisitSummary,
  VisitQuery,
} from './store/monitoring.records.js';
export { MonitoringStore } from './store/monitoring.store.js';
export { MAX_DESCRIBE_HASHES, MediaMessages } from './media/media.messages.js';
export { BrandingMessages, LOGO_MAX_BYTES, type FetchLogoReply, type LogoSummary, type StoreLogoRequest } from './media/branding.messages.js';
export type {
  DescribePhotosReply,
  DescribePhotosRequest,
  FetchPhotoReply,
  FetchPhotoRequest,
  StorePhotoReply,
  StorePhotoRequest,
} from './media/media.messages.js';
export {
  PHOTO_TYPES,
  PHOTO_VARIANTS,
  SHA256_HEX,
  type GeoPoint,
  type PhotoSummary,
  type PhotoType,
  type PhotoUploader,
  type PhotoVariant,
} from './media/photo.js';
export {
  CoreOutboundMessages,
  CoreOutboundStore,
  OUTBOUND_KINDS,
  type AcknowledgeOutboundRequest,
  type OutboundAcknowledgement,
  type OutboundCsvPage,
  type OutboundKind,
  type OutboundRow,
  type OutboundRows,
  type TakeOutboundRequest,
} from './core/outbound.messages.js';
export { CoreLoadStore, CoreMessages } from './core/core.messages.js';
export {
  CORE_LOAD_STATUSES,
  CORE_ROW_TABLES,
  type CoreActorRequest,
  type CoreLoadErrorView,
  type CoreLoadQuery,
  type CoreLoadRef,
  type CoreLoadStatusName,
  type CoreLoadView,
  type CoreRowChunk,
  type CoreRowTableName,
  type NewCoreLoad,
} from './core/core-load.js';
