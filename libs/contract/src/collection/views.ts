/** Shapes the collection flows return, as the phone and the web see them. Times are ISO-8601, money whole rupiah. */

export type Role = 'collector' | 'supervisor' | 'admin';

/** Who is asking: the gateway passes the authenticated caller with every collection message. */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  branchId: string | null;
  /** The device row bound at login (collectors only). */
  deviceId: string | null;
}

export interface UserView {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  branchId: string | null;
  branchCode: string | null;
}

export interface BatchView {
  id: string;
  workDate: string;
  status: 'open' | 'closed';
  openedAt: string;
  closedAt: string | null;
}

export interface DeviceView {
  id: string;
  userId: string;
  deviceKey: string;
  model: string | null;
  androidSdk: number;
  appVersionCode: number;
  status: 'active' | 'released' | 'revoked';
  boundAt: string;
  lastSeenAt: string;
  endedAt: string | null;
}
