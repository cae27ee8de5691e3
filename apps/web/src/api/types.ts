/** The shapes of the public REST API the page reads (OpenAPI at /docs has them all). */

export type Role = 'collector' | 'supervisor' | 'admin';

export interface SignedInUser {
  id: string;
  username: string;
  role: Role;
  branchId: string | null;
  branchCode?: string | null;
  fullName?: string;
}

export interface LoginReply {
  accessToken: string;
  expiresAt: string;
  user: SignedInUser;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface CollectorRef {
  id: string;
  username: string;
  fullName: string;
}

export interface Position {
  lat: number;
  lng: number;
  accuracy: number | null;
}

export interface CollectorProgress {
  collector: CollectorRef & { active: boolean };
  branchCode: string;
  assigned: number;
  visited: number;
  visits: number;
  paidAmount: number;
  promisedAmount: number;
  visitsByResult: Record<string, number>;
  visitsMissingPhotos: number | null;
  lastSyncAt: string | null;
  lastPosition: (Position & { at: string }) | null;
}

export interface ProgressReply {
  workDate: string;
  collectors: CollectorProgress[];
}

export interface VisitSummary {
  id: string;
  workDate: string;
  visitedAt: string;
  receivedAt: string;
  resultCode: string;
  branchCode: string;
  collector: CollectorRef;
  account: { id: string; contractNo: string; debtorName: string };
  payment: { amount: number; receiptNo: string } | null;
  promise: { date: string; amount: number } | null;
  location: Position | null;
  notes: string | null;
  photosExpected: number;
  photosMissing: number | null;
}

export interface PhotoEvidence {
  sha256: string;
  type: string;
  size: number;
  takenAt: string | null;
  gps: { lat: number; lng: number } | null;
  receivedAt: string;
}

export interface VisitPhoto {
  sha256: string;
  position: number;
  received: PhotoEvidence | null;
  assessment: { distanceM: number | null; timeGapMinutes: number | null; farFromVisit: boolean; longFromVisit: boolean } | null;
}

export interface VisitDetail extends Omit<VisitSummary, 'account' | 'photosExpected' | 'photosMissing'> {
  resultLabel: string;
  account: VisitSummary['account'] & { address: string; phone: string; installmentAmount: number; amountDue: number; overdueDays: number; outstanding: number };
  photos: VisitPhoto[];
  photosChecked: boolean;
}

export interface PromiseDue {
  visitId: string;
  promisedDate: string;
  amount: number;
  madeAt: string;
  branchCode: string;
  collector: CollectorRef;
  account: { id: string; contractNo: string; debtorName: string; address: string; phone: string };
}

export interface ResultCode {
  code: string;
  label: string;
  requires: { payment: boolean; promise: boolean; gps: boolean; minPhotos: number };
  active: boolean;
  sortOrder: number;
}

export interface AdminUser {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  branchCode: string | null;
  active: boolean;
  mayBindDevices: boolean;
  receiptRange: { prefix: string; from: number; to: number } | null;
}

export interface Device {
  id: string;
  userId: string;
  username: string;
  deviceKey: string;
  model: string | null;
  androidSdk: number;
  appVersionCode: number;
  status: string;
  boundAt: string;
  lastSeenAt: string;
  endedAt: string | null;
}

export interface AuditEntry {
  id: number;
  occurredAt: string;
  actor: { id: string; username: string | null } | null;
  action: string;
  subjectType: string;
  subjectId: string;
  requestId: string | null;
  details: Record<string, unknown> | null;
}

export interface CoreLoad {
  id: string;
  kind: string;
  workDate: string;
  status: 'loading' | 'ready' | 'applied' | 'duplicate' | 'held' | 'failed';
  rows: { collectors: number | null; accounts: number | null; assignments: number | null };
  badRows: number | null;
  worklistsChanged: number | null;
  message: string | null;
  createdAt: string;
  appliedAt: string | null;
}

export interface Release {
  id: string;
  channel: string;
  versionCode: number;
  versionName: string;
  minSdkVersion: number;
  targetSdkVersion: number | null;
  sha256: string;
  size: number;
  notes: string | null;
  mandatory: boolean;
  rolloutPercent: number;
  halted: boolean;
  publishedAt: string;
  checks: number;
  downloads: number;
  url: string;
}

export interface ChannelPolicy {
  channel: string;
  minVersionCode: number | null;
  updatedAt: string;
}

export interface ReleaseList {
  releases: Release[];
  channels: ChannelPolicy[];
}

export interface ServiceOverview {
  service: string;
  up: boolean;
  version?: string;
  uptimeSeconds?: number;
  reason?: string;
}

export interface WebConfig {
  mapTileUrl: string | null;
  workTimeZone: string;
  logoUrl: string | null;
}
