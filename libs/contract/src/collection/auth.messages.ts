import { defineMessage } from '../message.js';
import type { BatchView, UserView } from './views.js';

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

export interface SessionCheckRequest {
  userId: string;
  deviceId: string | null;
}

export const AuthMessages = {
  /**
   * Fails with 401 exactly when the username or password is wrong (or the account disabled),
   * which the gateway's throttle counts; 503 when too many passwords are being checked at once.
   */
  login: defineMessage<LoginRequest, LoginReply>('collector', 'auth.login'),
  /** Answers when the user is active and (collectors) the device still bound; a 401 problem otherwise. */
  checkSession: defineMessage<SessionCheckRequest, { active: true }>('collector', 'auth.session.check'),
} as const;
