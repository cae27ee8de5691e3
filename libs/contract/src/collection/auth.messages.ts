import { defineMessage } from '../message.js';
import type { BatchView, Role, UserView } from './views.js';

export interface LoginRequest {
  username: string;
  password: string;
  /** The phone's identifier; required for collectors, absent for web users. */
  deviceKey?: string;
  deviceModel?: string;
  androidSdk?: number;
  appVersionCode?: number;
}

export interface LoginReply {
  user: UserView;
  /** The bound device row (collectors), which the access token names. */
  deviceId: string | null;
  batch: BatchView | null;
  /** The token is valid for the working day: until this instant. */
  expiresAt: string;
}

/** What an access token claims about its session, checked against the user and phone as they are now. */
export interface SessionCheckRequest {
  userId: string;
  role: Role;
  deviceId: string | null;
}

/** The caller as they are now, which every request acts on: a token's session keeps its role, while the branch follows the user. */
export interface SessionStanding {
  role: Role;
  branchId: string | null;
}

export const AuthMessages = {
  /**
   * Fails with 401 exactly when the username or password is wrong (or the account disabled),
   * which the gateway's throttle counts; 503 when too many passwords are being checked at once.
   */
  login: defineMessage<LoginRequest, LoginReply>('collector', 'auth.login'),
} as const;
